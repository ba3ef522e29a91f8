import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AuthSettings } from '../auth/auth-settings.js';

const tooMany = (what: string) => ({ statusCode: 429, error: 'rate_limited', message: `too many ${what}; slow down` });

/**
 * Security headers, CORS only for the configured origins, and rate limits on sign-in (per
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
