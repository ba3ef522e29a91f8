import {
  jsonEvent,
  type AppendResult as EsdbAppendResult,
  type KurrentDBClient,
  type WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { EventIdReusedError, StreamVersionConflictError } from '../errors.js';
import type { AppendOptions, AppendResult, NewEvent, RecordedEvent } from '../event-store.js';
import { toExpectedRevision, toVersion } from './expected-revision.js';
import { isWrongExpectedVersion, toStoreError } from './map-error.js';
import { readStream, readStreamTail } from './read-stream.js';
import { RECORDED_AT_KEY } from './recorded-event.js';

/**
 * How many events, beyond the ones being appended, are looked at from the end of the stream for
 * a retried command's events. A retry comes within seconds, and an incident stream gets a few
 * events a day, so the events of a retried command are among the newest.
 */
export const RETRY_WINDOW = 200;

/**
 * Appends with the expected revision mapped from our expectation and our event ids passed as
 * EventStoreDB's event ids.
 *
 * Retries and reused ids. EventStoreDB de-duplicates by event id on its own, but only partly:
 * with an exact expected revision, the same ids at the same place answer as the first write;
 * with `any` it only "does its best" (a cache of recent ids); a retry with a newer expected
 * revision appends the events a second time; and an append of some stored and some new ids is
 * either written whole (duplicating the stored ones) or refused as a wrong expected version,
 * depending on where the stored ids sit. None of those is the port's behaviour, so before
 * writing, the newest events of the stream (RETRY_WINDOW + the appended count) are read and their ids compared:
 * all stored → answer as the first time; some stored → EventIdReusedError; none → append.
 * Limits, stated: ids stored in another stream, or further back than the window, are not seen
 * (the PostgreSQL store checks the whole store); there EventStoreDB's own rules apply.
 */
export async function appendToStream(
  client: KurrentDBClient,
  streamId: string,
  events: NewEvent[],
  { expected, recordedAt }: AppendOptions,
): Promise<AppendResult> {
  if (events.length === 0) throw new RangeError('append needs at least one event');
  const expectedRevision = toExpectedRevision(expected);

  const stored = await findStored(client, streamId, events);
  if (stored) return stored;

  let result: EsdbAppendResult;
  try {
    result = await client.appendToStream(
      streamId,
      events.map((e) =>
        jsonEvent({
          id: e.id,
          type: e.type,
          data: e.data,
          // EventStoreDB stamps `created` itself and takes no other: an imported record's
          // original time travels in the metadata, and reads give it back as recordedAt.
          metadata: recordedAt
            ? { ...e.metadata, [RECORDED_AT_KEY]: recordedAt.toISOString() }
            : e.metadata,
        }),
      ),
      { streamState: expectedRevision },
    );
  } catch (error) {
    if (isWrongExpectedVersion(error)) {
      // A concurrent retry of this same command may be the writer that won.
      const winner = await findStored(client, streamId, events);
      if (winner) return winner;
      throw new StreamVersionConflictError(
        streamId,
        expected,
        toVersion((error as WrongExpectedVersionError).actualState),
      );
    }
    throw toStoreError(error, `appending to ${streamId}`);
  }

  // The answer's position must be the one readers see for the last event in `$all`: read it
  // back rather than rely on how the server reports a multi-event or an idempotent write.
  const [last] = await readStream(client, streamId, Number(result.nextExpectedRevision) + 1, 1);
  if (last?.id === events[events.length - 1].id)
    return { version: last.version, position: last.position };
  const answer = await findStored(client, streamId, events);
  if (!answer)
    throw new Error(`EventStoreDB acknowledged an append to ${streamId} that cannot be read back`);
  return answer;
}

/** The answer to a retry when every event is stored already; throws when only some are. */
async function findStored(
  client: KurrentDBClient,
  streamId: string,
  events: NewEvent[],
): Promise<AppendResult | undefined> {
  const recent = new Map<string, RecordedEvent>();
  for (const event of await readStreamTail(client, streamId, RETRY_WINDOW + events.length))
    recent.set(event.id, event);
  const found = events
    .map((e) => recent.get(e.id))
    .filter((e): e is RecordedEvent => e !== undefined);
  if (found.length === 0) return undefined;
  if (found.length < events.length) throw new EventIdReusedError(streamId);
  const last = found.reduce((a, b) => (b.version > a.version ? b : a));
  return { version: last.version, position: last.position };
}
