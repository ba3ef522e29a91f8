import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AuthSettings } from '#tracker';
import { problem } from './problem.filter.js';

/**
 * Security headers, no caching of API answers, and CORS only for the configured origins. (Rate
 * limits are counted in PostgreSQL: see auth/rate-limits.ts.)
 */
export function harden(app: NestExpressApplication, settings: AuthSettings) {
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The map draws offline outlines; OpenStreetMap tiles are an opt-in layer. Evidence
        // thumbnails are fetched with the token and shown from blob: URLs.
        directives: { 'img-src': ["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org', 'https://*.tile.openstreetmap.org'] },
      },
    }),
  );
  app.enableCors({ origin: settings.corsOrigins.length ? settings.corsOrigins : false });
  // Records name people: no browser or proxy keeps a copy of any answer of the API.
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  answerMalformedRequests(app.getHttpServer() as Server);
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

/**
 * A request Node's HTTP parser refuses (a URL or headers over 16 KB, a malformed head) gets an
 * answer before the connection closes. Node 24's own handler resets the connection at once, so a
 * client still sending a long URL sees ECONNRESET instead of the 431 that says what was wrong.
 */
function answerMalformedRequests(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, title] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
    // Before any route or filter: the one filter's problem document, written by hand.
    const body = JSON.stringify(problem(status, 'malformed_request', `${title}: the request's head could not be read`));
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
