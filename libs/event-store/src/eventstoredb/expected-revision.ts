import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import type { ExpectedVersion } from '../event-store.js';

/**
 * Our versions are 1-based (a stream's version is its number of events); EventStoreDB revisions
 * are 0-based (the revision of its last event). So version = revision + 1, and an expected
 * version n is the expected revision n - 1, with 0 meaning "no stream".
 */
export function toExpectedRevision(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
  }
  if (!Number.isSafeInteger(expected) || expected < 0)
    throw new RangeError(`not an expected version: ${expected}`);
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

/** The stream's version (0 when it does not exist) from the revision the server reports. */
export function toVersion(revision: CurrentStreamState): number {
  return revision === NO_STREAM ? 0 : Number(revision) + 1;
}
