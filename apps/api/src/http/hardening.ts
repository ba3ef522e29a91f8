import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AuthSettings } from '#tracker';

/**
 * Security headers, no caching of API answers, and CORS only for the configured origins. (Rate
 * limits are counted in PostgreSQL: see auth/rate-limits.ts.)
 */
export function harden(app: NestExpressApplication, settings: AuthSettings) {
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The map draws offline outlines; OpenStreetMap tiles are an opt-in layer.
        directives: { 'img-src': ["'self'", 'data:', 'https://tile.openstreetmap.org', 'https://*.tile.openstreetmap.org'] },
      },
    }),
  );
  app.enableCors({ origin: settings.corsOrigins.length ? settings.corsOrigins : false });
  // Records name people: no browser or proxy keeps a copy of any answer of the API.
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
}
