import type pg from 'pg';
import type { Position, ReadAllBatch, ReadAllOptions, RecordedEvent } from '../event-store.js';
import { START } from '../event-store.js';
import { fromPosition, toPosition } from './position.js';
import { RECORDED_EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.js';

/**
 * Reads in (transaction id, global position) order, and only below the oldest transaction
 * still open: a transaction that took an earlier position but commits later is waited for,
 * never skipped. Everything below that horizon is final (committed or rolled back).
 *
 * One statement, so one snapshot and one round trip: the horizon, the batch below it, and the
 * newest event below it (the head, which `lastPosition` becomes when the batch is not full).
 */
export async function readAllBatch(pool: pg.Pool, options: ReadAllOptions): Promise<ReadAllBatch> {
  const afterPosition = options.after ?? START;
  const after = fromPosition(afterPosition);
  const prefixes = options.streamPrefixes ?? [];
  const { rows } = await pool.query<EventRow & { is_head: boolean }>(
    `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
     (SELECT ${RECORDED_EVENT_COLUMNS}, false AS is_head FROM events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND transaction_id < (SELECT xmin FROM horizon)
        ${prefixes.length ? 'AND stream_id LIKE ANY ($4::text[])' : ''}
      ORDER BY transaction_id, global_position LIMIT $3)
     UNION ALL
     (SELECT ${RECORDED_EVENT_COLUMNS}, true FROM events WHERE transaction_id < (SELECT xmin FROM horizon)
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1)`,
    [after.transactionId, after.globalPosition, options.limit, ...(prefixes.length ? [prefixes.map(likePrefix)] : [])],
  );
  const events: RecordedEvent[] = [];
  let head: Position = START;
  for (const row of rows) {
    if (row.is_head) head = toPosition(row.transaction_id, row.global_position);
    else events.push(toRecordedEvent(row));
  }
  if (events.length === options.limit) return { events, lastPosition: events[events.length - 1].position };
  return { events, lastPosition: head > afterPosition ? head : afterPosition };
}

export async function headPosition(pool: pg.Pool): Promise<Position> {
  const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id, global_position FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows.length ? toPosition(rows[0].transaction_id, rows[0].global_position) : START;
}

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
