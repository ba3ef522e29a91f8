import type { Position, RecordedEvent } from '#event-store';

/** An event a projection could not apply after its attempts, set aside so it went on past it. */
export interface ParkedEvent {
  projection: string;
  position: Position;
  streamId: string;
  eventId: string;
  eventType: string;
  error: string;
  attempts: number;
  parkedAt: Date;
  lastFailedAt: Date;
}

/** A data source, an entity manager (in a transaction), or a plain `pg` session adapted to it. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Records the event as parked, in the caller's transaction (the one that moves the checkpoint past
 * it). Always `public.parked_events`, also from a rebuild's shadow schema; parking it again keeps
 * the first time and notes the latest failure.
 */
export async function parkEvent(db: Queryable, projection: string, event: RecordedEvent, error: unknown, attempts: number): Promise<void> {
  await db.query(
    `INSERT INTO public.parked_events (projection, position, stream_id, event_id, event_type, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, attempts = public.parked_events.attempts + excluded.attempts, last_failed_at = now()`,
    [projection, event.position, event.streamId, event.id, event.type, describeError(error), attempts],
  );
}

/** Parked events, oldest first, of some projections (all when none is named). */
export async function listParkedEvents(db: Queryable, projections: readonly string[] = []): Promise<ParkedEvent[]> {
  const rows = (await db.query(
    `SELECT projection, position, stream_id, event_id, event_type, error, attempts, parked_at, last_failed_at
     FROM public.parked_events WHERE cardinality($1::text[]) = 0 OR projection = ANY($1) ORDER BY position, projection`,
    [projections],
  )) as Record<string, unknown>[];
  return rows.map((r) => ({
    projection: r.projection as string,
    position: r.position as string,
    streamId: r.stream_id as string,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    error: r.error as string,
    attempts: r.attempts as number,
    parkedAt: r.parked_at as Date,
    lastFailedAt: r.last_failed_at as Date,
  }));
}

/** The positions parked by one projection: what its live tables went past without applying. */
export async function parkedPositions(db: Queryable, projection: string): Promise<Set<Position>> {
  const rows = (await db.query('SELECT position FROM public.parked_events WHERE projection = $1', [projection])) as { position: string }[];
  return new Set(rows.map((r) => r.position));
}

/** The error's message with PostgreSQL's detail, bounded: what an operator needs to fix it. */
export function describeError(error: unknown): string {
  const e = error as { message?: string; detail?: string; driverError?: { detail?: string } };
  const detail = e.detail ?? e.driverError?.detail;
  const text = `${e.message ?? String(error)}${detail ? ` (${detail})` : ''}`;
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/**
 * Errors that say nothing about the event: the connection, the server, or a conflict with another
 * transaction. They are retried without end (with back-off) and never park an event.
 */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.code ?? e.driverError?.code ?? '';
  if (/^(08|53|57P)/.test(code) || ['40001', '40P01', '55P03', '55006', '57014'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i.test(
    e.message ?? '',
  );
}
