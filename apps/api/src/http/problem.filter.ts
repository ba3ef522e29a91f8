import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '#domain';
import { EventIdReusedError, EventStoreUnavailableError } from '#event-store';
import type { Response } from 'express';

const STATUS: Record<DomainErrorKind, number> = { validation: 400, illegal_state: 422, not_found: 404, concurrency: 409 };

/** The one place where errors become HTTP answers: `{ statusCode, error, message, errors? }`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(error);
    if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
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
    return [500, { statusCode: 500, error: 'internal_error', message: 'internal error' }];
  }
}
