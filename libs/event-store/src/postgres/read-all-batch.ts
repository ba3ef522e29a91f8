import type pg from 'pg';
import type { Position, ReadAllBatch, ReadAllOptions } from '../event-store.js';
import { START } from '../event-store.js';
import { fromPosition, toPosition } from './position.js';
import { RECORDED_EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event.js';

/**
 * Reads in (transaction id, global position) order, and only below the oldest transaction
 * still open: a transaction that took an earlier position but commits later is waited for,
 * never skipped. Everything below that horizon is final (committed or rolled back).
 */
export async function readAllBatch(pool: pg.Pool, options: ReadAllOptions): Promise<ReadAllBatch> {
  const after = fromPosition(options.after ?? START);
  const client = await pool.connect();
  try {
    const horizon = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin'))
      .rows[0].xmin;
    const prefixes = options.streamPrefixes ?? [];
    const { rows } = await client.query<EventRow>(
      `SELECT ${RECORDED_EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND transaction_id < $3::xid8
         ${prefixes.length ? 'AND stream_id LIKE ANY ($5::text[])' : ''}
       ORDER BY transaction_id, global_position LIMIT $4`,
      [after.transactionId, after.globalPosition, horizon, options.limit, ...(prefixes.length ? [prefixes.map(likePrefix)] : [])],
    );
    const events = rows.map(toRecordedEvent);
    if (events.length === options.limit) return { events, lastPosition: events[events.length - 1].position };
    const head = await headBelow(client, horizon);
    const afterPosition = options.after ?? START;
    return { events, lastPosition: head > afterPosition ? head : afterPosition };
  } finally {
    client.release();
  }
}

export async function headPosition(pool: pg.Pool): Promise<Position> {
  const client = await pool.connect();
  try {
    const horizon = (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin'))
      .rows[0].xmin;
    return await headBelow(client, horizon);
  } finally {
    client.release();
  }
}

async function headBelow(client: pg.PoolClient, horizon: string): Promise<Position> {
  const { rows } = await client.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id, global_position FROM events WHERE transaction_id < $1::xid8
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    [horizon],
  );
  return rows.length ? toPosition(rows[0].transaction_id, rows[0].global_position) : START;
}

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
