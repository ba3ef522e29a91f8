import type pg from 'pg';
import { EventIdReusedError, StreamVersionConflictError } from '../errors.js';
import type { AppendResult, StreamAppend } from '../event-store.js';
import { toPosition } from './position.js';

interface AppendedRow {
  appended_stream: string;
  stream_version: string;
  transaction_id: string;
  global_position: string;
}

/** Many streams' appends in one statement (`append_to_streams`), all or none. */
export async function appendToStreams(pool: pg.Pool, appends: StreamAppend[]): Promise<AppendResult[]> {
  if (appends.length === 0) return [];
  if (appends.some((a) => a.events.length === 0)) throw new RangeError('append needs at least one event');
  const events = appends.flatMap((a, i) => a.events.map((e) => ({ stream: i + 1, e })));
  const params = [
    appends.map((a) => a.streamId),
    appends.map((a) => String(a.options.expected)),
    appends.map((a) => a.options.recordedAt ?? null),
    events.map((x) => x.stream),
    events.map((x) => x.e.id),
    events.map((x) => x.e.type),
    // Each as one JSON array, split by PostgreSQL: a jsonb[] parameter is an array literal that
    // the driver builds by escaping every quote of every event, element by element.
    JSON.stringify(events.map((x) => x.e.data)),
    JSON.stringify(events.map((x) => x.e.metadata)),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await pool.query<AppendedRow>(
        `SELECT * FROM append_to_streams($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::uuid[], $6::text[],
           ARRAY(SELECT d FROM jsonb_array_elements($7::jsonb) WITH ORDINALITY AS x(d, k) ORDER BY k),
           ARRAY(SELECT m FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS x(m, k) ORDER BY k))`,
        params,
      );
      const last = new Map<string, AppendedRow>();
      for (const row of rows) {
        const seen = last.get(row.appended_stream);
        if (!seen || BigInt(row.global_position) > BigInt(seen.global_position)) last.set(row.appended_stream, row);
      }
      return appends.map((a) => {
        const row = last.get(a.streamId)!;
        return { version: Number(row.stream_version), position: toPosition(row.transaction_id, row.global_position) };
      });
    } catch (error) {
      const { code, detail, constraint } = error as { code?: string; detail?: string; constraint?: string };
      if (code === 'ESV01') {
        const [streamId, actual] = (detail ?? '').split(/ (?=\d+$)/);
        const expected = appends.find((a) => a.streamId === streamId)?.options.expected ?? 'any';
        throw new StreamVersionConflictError(streamId, expected, Number(actual ?? 0));
      }
      if (code === 'ESD01') throw new EventIdReusedError(detail ?? '');
      // Two copies of one batch raced past the duplicate check; the second now finds the first.
      if (code === '23505' && constraint === 'events_event_id_key' && attempt === 0) continue;
      throw error;
    }
  }
}
