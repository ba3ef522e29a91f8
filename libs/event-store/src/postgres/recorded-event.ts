import type { RecordedEvent } from '../event-store.js';
import { toPosition } from './position.js';

export const RECORDED_EVENT_COLUMNS =
  'transaction_id, global_position, event_id, stream_id, version, type, data, metadata, recorded_at';

export interface EventRow {
  transaction_id: string;
  global_position: string;
  event_id: string;
  stream_id: string;
  version: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    version: Number(row.version),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    position: toPosition(row.transaction_id, row.global_position),
    recordedAt: row.recorded_at,
  };
}
