import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AuthSettings } from '../auth/auth-settings.js';

const tooMany = (what: string) => ({ statusCode: 429, error: 'rate_limited', message: `too many ${what}; slow down` });

/**
 * Security headers, no caching of API answers, CORS only for the configured origins, and rate limits on sign-in (per
 * address) and on writes (per token, else per address).
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
  app.use('/api/auth/login', rateLimit({ windowMs: 60_000, limit: settings.loginsPerMinute, standardHeaders: 'draft-7', legacyHeaders: false, message: tooMany('sign-in attempts') }));
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: settings.writesPerMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skip: (request: Request) => request.method === 'GET' || request.method === 'HEAD' || request.path === '/auth/login',
      keyGenerator: (request: Request) => request.header('authorization') ?? ipKeyGenerator(request.ip ?? ''),
      message: tooMany('writes'),
    }),
  );
}
