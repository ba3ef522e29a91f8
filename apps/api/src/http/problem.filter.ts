import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '#domain';
import { EventIdReusedError, EventStoreUnavailableError } from '#event-store';
import type { Response } from 'express';

const STATUS: Record<DomainErrorKind, number> = { validation: 400, illegal_state: 422, not_found: 404, concurrency: 409, forbidden: 403 };

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

// How pg says the server is away: the socket (refused, reset, timed out), PostgreSQL's
// connection-exception class 08 and its shutdown codes (57P01–57P03), or a bare message.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const UNREACHABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|connection error|cannot use a pool after calling end|the database system is (starting up|shutting down)/i;

/** Whether this error, or one it wraps (TypeORM's driverError, a cause, an AggregateError's), says the database cannot be reached. */
function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, driverError, cause, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
  return [driverError, cause, ...(Array.isArray(errors) ? errors : [])].some((inner) => isDatabaseUnreachable(inner, depth + 1));
}

/** The one place where errors become HTTP answers: `{ statusCode, error, message, errors? }`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (status === 503) {
      this.logger.warn(`database unreachable: ${error instanceof Error ? error.message : String(error)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const { retryAfter } = body as { retryAfter?: unknown };
    if (status === 429 && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(status).json(body);
  }

  private describe(error: unknown): [number, object] {
    if (error instanceof DomainError) {
      const status = STATUS[error.kind];
      return [
        status,
        {
          statusCode: status,
          error: error.code,
          message: error.message,
          ...(error.field ? { errors: [{ field: error.field, messages: [error.message] }] } : {}),
        },
      ];
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const status = error.getStatus();
      return [status, typeof body === 'string' ? { statusCode: status, error: 'http_error', message: body } : body];
    }
    if (error instanceof EventIdReusedError) {
      return [422, { statusCode: 422, error: 'event_id_reused', message: error.message }];
    }
    if (error instanceof EventStoreUnavailableError) {
      return [503, { statusCode: 503, error: 'event_store_unavailable', message: 'the event store is unavailable; try again' }];
    }
    if (isDatabaseUnreachable(error)) {
      return [503, { statusCode: 503, error: 'database_unavailable', message: `the database cannot be reached; try again in ${RETRY_AFTER_SECONDS} s` }];
    }
    return [500, { statusCode: 500, error: 'internal_error', message: 'internal error' }];
  }
}
