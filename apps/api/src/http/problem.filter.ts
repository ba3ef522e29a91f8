import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '#domain';
import { EventIdReusedError, EventStoreUnavailableError } from '#event-store';
import type { Response } from 'express';
import type { FieldError } from './field-errors.js';

const STATUS: Record<DomainErrorKind, number> = { validation: 400, illegal_state: 422, not_found: 404, concurrency: 409, forbidden: 403 };

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Each code is a problem type; its URI names it and is not meant to be fetched (RFC 9457 §3.1.1:
 * the `example` domain never resolves, so no client is tempted to).
 */
export const PROBLEM_TYPES = 'https://ceasefire-tracker.example/problems/';

/**
 * An RFC 9457 problem document (`application/problem+json`). Extensions: `code` (stable, for
 * clients to switch on: the last segment of `type`), `errors` (the fields at fault, each with its
 * messages), `retryAfter` (seconds, with 429 as with the header).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  retryAfter?: number;
}

// What Nest, Express and body-parser raise without a code of ours: named by status.
const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'sign_in_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};
/** multer's refusals of an upload (it names the form field in the error's `field`). */
const CODE_OF_UPLOAD_ERROR: Record<string, string> = { LIMIT_FILE_SIZE: 'file_too_large', LIMIT_UNEXPECTED_FILE: 'unexpected_file' };
const CODE_OF_PARSER_ERROR: Record<string, string> = {
  'entity.parse.failed': 'malformed_json',
  'entity.too.large': 'body_too_large',
  'encoding.unsupported': 'unsupported_encoding',
  'charset.unsupported': 'unsupported_charset',
};

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

/** `not_your_report` → "Not your report": the same title for every occurrence of a type. */
const titleOf = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ');

export function problem(status: number, code: string, detail: string, extensions: { errors?: FieldError[]; retryAfter?: number } = {}): Problem {
  return { type: `${PROBLEM_TYPES}${code}`, title: titleOf(code), status, detail, code, ...extensions };
}

/** The one place where errors become HTTP answers: RFC 9457 problem documents. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.describe(error);
    if (body.status === 503) {
      this.logger.warn(`database unreachable: ${error instanceof Error ? error.message : String(error)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (body.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (body.retryAfter !== undefined) response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private describe(error: unknown): Problem {
    if (error instanceof DomainError) {
      return problem(STATUS[error.kind], error.code, error.message, error.field ? { errors: [{ field: error.field, messages: [error.message] }] } : {});
    }
    if (error instanceof HttpException) return fromHttpException(error);
    if (error instanceof EventIdReusedError) return problem(422, 'event_id_reused', error.message);
    if (error instanceof EventStoreUnavailableError) return problem(503, 'event_store_unavailable', 'the event store is unavailable; try again');
    if (isDatabaseUnreachable(error)) {
      return problem(503, 'database_unavailable', `the database cannot be reached; try again in ${RETRY_AFTER_SECONDS} s`);
    }
    return problem(500, 'internal_error', 'internal error');
  }
}

/**
 * Ours carry `{ code, detail, errors?, retryAfter? }`; Nest's own (unknown route, …) a message or
 * a list of them; body-parser's refusals (malformed JSON, a body too large) arrive wrapped by
 * Nest's Express adapter, with body-parser's error as the cause, and multer's (an upload too
 * large) by Nest's file interceptor, with multer's error, naming the field, as the cause.
 */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  const { type, code: causeCode, field } = (error.cause ?? {}) as { type?: unknown; code?: unknown; field?: unknown };
  const fallback =
    (typeof type === 'string' && CODE_OF_PARSER_ERROR[type]) || (typeof causeCode === 'string' && CODE_OF_UPLOAD_ERROR[causeCode]) || CODE_OF_STATUS[status] || `http_${status}`;
  if (typeof body === 'string') return problem(status, fallback, body);
  if (typeof field === 'string' && typeof causeCode === 'string' && causeCode in CODE_OF_UPLOAD_ERROR) {
    const detail = `${field}: ${error.message}`;
    return problem(status, fallback, detail, { errors: [{ field, messages: [detail] }] });
  }
  const { code, detail, message, errors, retryAfter } = body as { code?: string; detail?: string; message?: string | string[]; errors?: FieldError[]; retryAfter?: number };
  const text = detail ?? (Array.isArray(message) ? message.join('; ') : message) ?? error.message;
  return problem(status, code ?? fallback, text, { ...(errors ? { errors } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) });
}
