import type pg from 'pg';
import { EventIdReusedError, StreamVersionConflictError } from '../errors.js';
import type { AppendOptions, AppendResult, NewEvent } from '../event-store.js';
import { toPosition } from './position.js';

interface AppendRow {
  stream_version: string;
  transaction_id: string;
  global_position: string;
}

export async function appendToStream(
  pool: pg.Pool,
  streamId: string,
  events: NewEvent[],
  { expected, recordedAt }: AppendOptions,
): Promise<AppendResult> {
  if (events.length === 0) throw new RangeError('append needs at least one event');
  const params = [
    streamId,
    String(expected),
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
    recordedAt ?? null,
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await pool.query<AppendRow>(
        'SELECT * FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz)',
        params,
      );
      const last = rows.reduce((a, b) => (BigInt(a.global_position) > BigInt(b.global_position) ? a : b));
      return { version: Number(last.stream_version), position: toPosition(last.transaction_id, last.global_position) };
    } catch (error) {
      const { code, detail, constraint } = error as { code?: string; detail?: string; constraint?: string };
      if (code === 'ESV01') throw new StreamVersionConflictError(streamId, expected, Number(detail ?? 0));
      if (code === 'ESD01') throw new EventIdReusedError(streamId);
      // Two copies of one command raced past the duplicate check; the second now finds the first.
      if (code === '23505' && constraint === 'events_event_id_key' && attempt === 0) continue;
      throw error;
    }
  }
}
