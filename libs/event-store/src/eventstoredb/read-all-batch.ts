import {
  BACKWARDS,
  END,
  FORWARDS,
  START as ESDB_START,
  streamNameFilter,
  type Filter,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import type { Position, ReadAllBatch, ReadAllOptions, RecordedEvent } from '../event-store.js';
import { START } from '../event-store.js';
import { toStoreError } from './map-error.js';
import { fromPosition, maxPosition, toPosition } from './position.js';
import { isSystemStream, toRecordedEvent } from './recorded-event.js';

/** Every stream but EventStoreDB's own (`$`-prefixed). */
const USER_STREAMS: Filter = streamNameFilter({ regex: '^[^$]' });

/**
 * Reads `$all` forwards after a position (exclusive), filtered on the server by stream prefix,
 * without EventStoreDB's system events. `$all` is the server's commit order, and an event is in
 * it only once committed, so a reader never has to wait for a slower writer (unlike PostgreSQL).
 *
 * `lastPosition`: the last event's position when the batch is full; otherwise the head of `$all`
 * as read before the batch (it may be a system event or one filtered out), or the last event
 * returned when that is newer, and never below `after`.
 */
export async function readAllBatch(
  client: KurrentDBClient,
  options: ReadAllOptions,
): Promise<ReadAllBatch> {
  const after = options.after ?? START;
  const filter = streamFilter(options.streamPrefixes);
  try {
    // Read first: whatever the filtered read below does not return lies beyond this head.
    const head = await rawHead(client);
    const events: RecordedEvent[] = [];
    let seen = after;
    for (;;) {
      const wanted = options.limit - events.length;
      // One more than wanted: a forward read of `$all` includes the event at its start position.
      const requested = wanted + 1;
      let received = 0;
      for await (const resolved of client.readAll({
        fromPosition: fromPosition(seen) ?? ESDB_START,
        direction: FORWARDS,
        maxCount: requested,
        filter,
      })) {
        received++;
        if (!resolved.event?.position) continue;
        const position = toPosition(resolved.event.position);
        if (position <= seen) continue;
        seen = position;
        // A prefix filter may name a `$` stream; system events are never returned all the same.
        if (isSystemStream(resolved.event.streamId)) continue;
        const event = toRecordedEvent(resolved.event);
        events.push(event);
        if (events.length === options.limit) return { events, lastPosition: event.position };
      }
      // Fewer than requested: the read reached the end of `$all`.
      if (received < requested) break;
    }
    return { events, lastPosition: maxPosition(head, seen, after) };
  } catch (error) {
    throw toStoreError(error, 'reading $all');
  }
}

/** The position of the newest event outside EventStoreDB's system streams. */
export async function headPosition(client: KurrentDBClient): Promise<Position> {
  try {
    let head = START;
    for await (const resolved of client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 1,
      filter: USER_STREAMS,
    })) {
      if (resolved.event?.position) head = toPosition(resolved.event.position);
    }
    return head;
  } catch (error) {
    throw toStoreError(error, 'reading the head of $all');
  }
}

/**
 * The position of the newest record of `$all`, system events included. The read is consumed to
 * its end (one event): leaving the client's read stream early leaves its call open, and
 * `dispose()` then waits for it forever.
 */
async function rawHead(client: KurrentDBClient): Promise<Position> {
  let head = START;
  for await (const resolved of client.readAll({
    fromPosition: END,
    direction: BACKWARDS,
    maxCount: 1,
  })) {
    if (resolved.event?.position) head = toPosition(resolved.event.position);
  }
  return head;
}

function streamFilter(prefixes: string[] | undefined): Filter {
  if (!prefixes?.length || prefixes.includes('')) return USER_STREAMS;
  return streamNameFilter({ prefixes });
}
