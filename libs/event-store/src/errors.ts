import { ConcurrencyError } from '#domain';
import type { ExpectedVersion } from './event-store.js';

/** Someone else appended to the stream first; the API answers 409. */
export class StreamVersionConflictError extends ConcurrencyError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      'stream_version_conflict',
      `stream ${streamId} is at version ${actual}, not ${describeExpected(expected)}`,
    );
  }
}

/** Some but not all of the event ids were stored before: not a retry of the same command. */
export class EventIdReusedError extends Error {
  constructor(readonly streamId: string) {
    super(`some of the events appended to ${streamId} reuse ids already stored`);
    this.name = 'EventIdReusedError';
  }
}

/** The store could not be reached or failed: not the caller's fault. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

function describeExpected(expected: ExpectedVersion): string {
  if (typeof expected === 'number') return `the expected ${expected}`;
  return expected === 'no_stream' ? 'absent as expected' : 'existing as expected';
}
