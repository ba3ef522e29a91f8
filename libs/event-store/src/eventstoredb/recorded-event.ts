import type { ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, JsonObject, RecordedEvent } from '../event-store.js';
import { toPosition } from './position.js';

export type EsdbRecordedEvent = NonNullable<ResolvedEvent['event']>;

/** Metadata key holding an imported record's original time (see AppendOptions.recordedAt). */
export const RECORDED_AT_KEY = '$recordedAt';

/** Streams whose name starts with `$` belong to EventStoreDB itself (statistics, settings, metadata). */
export function isSystemStream(streamId: string): boolean {
  return streamId.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position)
    throw new RangeError(`event ${event.id} in ${event.streamId} came without a position`);
  const { [RECORDED_AT_KEY]: importedAt, ...metadata } = asJsonObject(event.metadata ?? {}, event);
  return {
    id: event.id,
    type: event.type,
    data: asJsonObject(event.data, event),
    metadata: metadata as EventMetadata,
    streamId: event.streamId,
    // EventStoreDB revisions are 0-based, our versions 1-based.
    version: Number(event.revision) + 1,
    position: toPosition(event.position),
    // The server's `created` stamp (100 ns ticks, truncated to the millisecond by the client),
    // unless the event was imported with its original time.
    recordedAt: typeof importedAt === 'string' ? new Date(importedAt) : event.created,
  };
}

function asJsonObject(value: unknown, event: EsdbRecordedEvent): JsonObject {
  // Events written by this adapter are JSON; one written as bytes by another tool may still hold JSON.
  const parsed =
    value instanceof Uint8Array ? tryParse(Buffer.from(value).toString('utf8')) : value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RangeError(`event ${event.id} in ${event.streamId} does not hold a JSON object`);
  }
  return parsed as JsonObject;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
