import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { LogLevel } from '#tracker';
import type {} from './principal.js';

/** A request id a client or proxy may give (X-Request-Id), if it is short and plain enough to log as is. */
const GIVEN_ID = /^[\w.:-]{1,64}$/;

/** What a finished request's log line says beyond the method and URL. */
const outcome = (req: IncomingMessage, res: ServerResponse, line: object) => {
  const request = req as Request;
  return { ...line, user: request.principal?.username, route: request.route?.path, status: res.statusCode };
};

/**
 * One JSON line per request (pino): its id (also answered as X-Request-Id), the signed-in user,
 * the route matched, the status and the latency. The app's own log lines go through the same
 * logger and carry the id of the request they were written in.
 */
export function requestLog(level: LogLevel, destination?: DestinationStream) {
  const options: Options = {
    level,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'latencyMs' },
    quietReqLogger: true,
    // Never the headers: they carry the bearer token.
    serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }), res: () => undefined },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: outcome,
    customErrorObject: (req, res, _error, line) => outcome(req, res, line),
    customSuccessMessage: () => 'request completed',
  };
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
