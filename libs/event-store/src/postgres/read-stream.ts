import type pg from 'pg';
import type { RecordedEvent } from '../event-store.js';
import { RECORDED_EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.js';

export async function readStream(pool: pg.Pool, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT ${RECORDED_EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
    [streamId, fromVersion],
  );
  return rows.map(toRecordedEvent);
}
