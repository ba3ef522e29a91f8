import { ErrorType, isCommandError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../errors.js';

// gRPC status codes: the server could not be reached or did not answer in time.
const UNAVAILABLE_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/**
 * A connection failure: the client throws typed errors for most, but a plain gRPC error
 * (code 14) when an append cannot connect, and a plain Error when cluster discovery fails.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isCommandError(error) && UNAVAILABLE_TYPES.has(error.type)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return true;
  return /Failed to discover|No connection established|ECONNREFUSED|ENOTFOUND/i.test(error.message);
}

export function isStreamNotFound(error: unknown): boolean {
  return (
    error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND
  );
}

export function isWrongExpectedVersion(error: unknown): boolean {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    error.type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

/** Connection failures become EventStoreUnavailableError; anything else is rethrown as is. */
export function toStoreError(error: unknown, doing: string): unknown {
  if (isUnavailable(error)) {
    return new EventStoreUnavailableError(
      `EventStoreDB is unavailable (${doing}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
