import { BACKWARDS, END, START, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-store.js';
import { isStreamNotFound, toStoreError } from './map-error.js';
import { toRecordedEvent } from './recorded-event.js';

/**
 * The events of the stream from a version on (all of them by default), in version order;
 * [] when the stream does not exist.
 */
export async function readStream(
  client: KurrentDBClient,
  streamId: string,
  fromVersion = 1,
  maxCount?: number,
): Promise<RecordedEvent[]> {
  return collect(client, streamId, {
    fromRevision: fromVersion <= 1 ? START : BigInt(fromVersion - 1),
    maxCount,
  });
}

/** The newest `count` events of the stream, newest first. */
export async function readStreamTail(
  client: KurrentDBClient,
  streamId: string,
  count: number,
): Promise<RecordedEvent[]> {
  return collect(client, streamId, { fromRevision: END, direction: BACKWARDS, maxCount: count });
}

async function collect(
  client: KurrentDBClient,
  streamId: string,
  options: Parameters<KurrentDBClient['readStream']>[1],
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamId, options)) {
      if (resolved.event) events.push(toRecordedEvent(resolved.event));
    }
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw toStoreError(error, `reading ${streamId}`);
  }
  return events;
}
