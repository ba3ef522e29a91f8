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

export async function readStreams(pool: pg.Pool, streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map<string, RecordedEvent[]>();
  if (streamIds.length === 0) return streams;
  const { rows } = await pool.query<EventRow>(
    `SELECT ${RECORDED_EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, version`,
    [streamIds],
  );
  for (const row of rows) {
    const event = toRecordedEvent(row);
    const events = streams.get(event.streamId);
    if (events) events.push(event);
    else streams.set(event.streamId, [event]);
  }
  return streams;
}
