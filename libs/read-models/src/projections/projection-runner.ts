import { setTimeout as sleep } from 'node:timers/promises';
import { catchUp, START, type EventStore, type Position, type ReadAllBatch, type RecordedEvent } from '#event-store';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { describeError, isTransient, parkEvent } from './parked-events.js';
import type { Projection } from './projection.js';

export interface RunProjectionOptions {
  batchSize?: number;
  /** Keep following the store once caught up. */
  live?: boolean;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  /** Called after each committed batch. */
  onBatch?: (info: { projection: string; events: number; position: Position }) => void;
  /** Tries at an event that keeps failing (not transiently) before it is parked (default 5). */
  attempts?: number;
  /** Pause after the first failure, doubled after each further one up to `maxBackoffMs` (default 100 ms, 5 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Longest wait for a lock inside a batch (default 10 s), after which the batch fails transiently
   * and is tried again. The store's readers wait for every open transaction that holds an id, so
   * one projection stuck behind a lock would otherwise hold up every projection.
   */
  lockTimeoutMs?: number;
  /** The projection name events are parked under (a rebuild parks under the live projection's). */
  parkAs?: string;
  /** Called on each failed try (the runner pauses, then tries again) and on each event parked. */
  onFailure?: (failure: ProjectionFailure) => void;
  /** Called with `standby` while another runner holds the projection, `running` once this one does. */
  onState?: (state: 'standby' | 'running') => void;
}

export interface ProjectionFailure {
  projection: string;
  error: string;
  transient: boolean;
  /** Tries of this batch so far. */
  attempt: number;
  /** Set when the failure was pinned to one event. */
  event?: { position: Position; streamId: string; type: string };
  parked: boolean;
}

export const DEFAULT_ATTEMPTS = 5;

/** A log line for a failure: what failed, where, and what the runner does about it. */
export function describeFailure(failure: ProjectionFailure): string {
  const at = failure.event ? ` (${failure.event.type} at ${failure.event.position} in ${failure.event.streamId})` : '';
  return failure.parked
    ? `projection ${failure.projection} PARKED an event it cannot apply${at}: ${failure.error}; it goes on past it (npm run cli -- projections:parked)`
    : `projection ${failure.projection} failed${at}, try ${failure.attempt}; trying again: ${failure.error}`;
}

export class CheckpointMovedError extends Error {
  constructor(projection: string) {
    super(`the checkpoint of ${projection} moved under this runner (another runner is active, or a rebuild switched over): going on from the new one`);
  }
}

export async function readCheckpoint(db: DataSource | QueryRunner, name: string): Promise<Position> {
  const rows: { position: string }[] = await db.query('SELECT position FROM projection_checkpoints WHERE name = $1', [name]);
  return rows[0]?.position ?? START;
}

/**
 * Runs a projection from its checkpoint. Only one runner per projection is active across all
 * processes (a session advisory lock); the others wait as standbys and take over when the
 * active one stops. Each batch's rows and the new checkpoint are one transaction, and the
 * checkpoint is compare-and-set so a runner that lost its lock cannot overwrite another's work.
 *
 * A failed batch is tried again after a pause that doubles. A transient error (connection,
 * serialization, deadlock, lock timeout) is tried without end: it says nothing about the events.
 * Any other error sends the batch through event by event, each in a savepoint, to find the event
 * that fails; once that event has failed `attempts` times it is parked (`parked_events`) in the
 * transaction that moves the checkpoint past it, and the projection goes on.
 */
export async function runProjection(
  store: EventStore,
  db: DataSource,
  projection: Projection,
  options: RunProjectionOptions = {},
): Promise<Position> {
  const lock = db.createQueryRunner();
  await lock.connect();
  try {
    let waiting = false;
    while (!(await tryLock(lock, projection.name))) {
      if (!waiting) options.onState?.('standby');
      waiting = true;
      if (options.signal?.aborted) return readCheckpoint(db, projection.name);
      await sleep(1000, undefined, { signal: options.signal }).catch(() => undefined);
    }
    await db.query(
      `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, '', now()) ON CONFLICT (name) DO NOTHING`,
      [projection.name],
    );
    options.onState?.('running');
    let checkpoint = await readCheckpoint(db, projection.name);
    return await catchUp(
      store,
      {
        from: checkpoint,
        batchSize: options.batchSize ?? 500,
        streamPrefixes: projection.streamPrefixes,
        live: options.live,
        pollIntervalMs: options.pollIntervalMs,
        signal: options.signal,
      },
      async (batch) => {
        await applyBatch(db, projection, batch, checkpoint, options);
        checkpoint = batch.lastPosition;
        options.onBatch?.({ projection: projection.name, events: batch.events.length, position: checkpoint });
      },
    );
  } finally {
    await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await lock.release();
  }
}

/** One batch: tried until it commits (parking what keeps failing), or the checkpoint moved, or stopped. */
async function applyBatch(db: DataSource, projection: Projection, batch: ReadAllBatch, checkpoint: Position, options: RunProjectionOptions): Promise<void> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const failures = new Map<Position, number>();
  let eventByEvent = false;
  for (let attempt = 1; ; attempt++) {
    const parked: { event: RecordedEvent; error: unknown }[] = [];
    try {
      if (batch.events.length === 0) return await moveCheckpoint(db, projection.name, checkpoint, batch.lastPosition);
      await db.transaction(async (manager) => {
        // Checked (and the row held) before any row is written: a rebuild that switched the
        // tables over has moved the checkpoint, and this batch must not touch the new tables.
        // The same statement sets the batch's lock bound, and lets it commit without waiting for
        // the disk: its rows and checkpoint commit or are lost together, and a batch lost to a
        // crash of the server is applied again from the events, which are committed durably. That
        // saves a WAL flush per batch (per report, live) that the store's commits would queue behind.
        const [held] = await manager.query(
          `SELECT position, set_config('lock_timeout', $2, true), set_config('synchronous_commit', 'off', true)
           FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
          [projection.name, String(Math.max(1, Math.round(options.lockTimeoutMs ?? 10_000)))],
        );
        if (held?.position !== checkpoint) throw new CheckpointMovedError(projection.name);
        if (eventByEvent) parked.push(...(await applyEventByEvent(manager, projection, batch.events, failures, attempts, options.parkAs ?? projection.name)));
        else await projection.apply(manager, batch.events);
        const [, moved] = await manager.query(
          'UPDATE projection_checkpoints SET position = $1, updated_at = now() WHERE name = $2 AND position = $3',
          [batch.lastPosition, projection.name, checkpoint],
        );
        if (moved !== 1) throw new CheckpointMovedError(projection.name);
      });
      for (const { event, error } of parked) {
        options.onFailure?.({ projection: projection.name, error: describeError(error), transient: false, attempt, event: eventOf(event), parked: true });
      }
      return;
    } catch (error) {
      if (error instanceof CheckpointMovedError || options.signal?.aborted) throw error;
      const transient = isTransient(error);
      if (!transient) eventByEvent = true;
      const failing = error instanceof EventFailedError ? error.event : undefined;
      const cause = error instanceof EventFailedError ? error.cause : error;
      options.onFailure?.({ projection: projection.name, error: describeError(cause), transient, attempt, event: failing && eventOf(failing), parked: false });
      const pause = Math.min(options.maxBackoffMs ?? 5000, (options.backoffMs ?? 100) * 2 ** (attempt - 1));
      await sleep(pause, undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal?.aborted) throw cause;
    }
  }
}

/**
 * A batch with none of the projection's events (another read model's: an incident report, for
 * the actors) only moves the checkpoint: one statement of its own, compare-and-set, instead of a
 * transaction of five. Committed without waiting for the disk like a batch (`set_config` with
 * `is_local` holds until the statement's own transaction has committed).
 */
async function moveCheckpoint(db: DataSource, name: string, from: Position, to: Position): Promise<void> {
  const [{ moved }] = await db.query(
    `WITH moved AS (UPDATE projection_checkpoints SET position = $1, updated_at = now() WHERE name = $2 AND position = $3 RETURNING 1)
     SELECT count(*)::int AS moved, set_config('synchronous_commit', 'off', true) FROM moved`,
    [to, name, from],
  );
  if (moved !== 1) throw new CheckpointMovedError(name);
}

class EventFailedError extends Error {
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`${event.type} at ${event.position}: ${describeError(cause)}`);
  }
}

/**
 * The batch one event at a time, each in a savepoint, so the failing one is found and the others
 * still apply. An event that has now failed `attempts` times is parked; one that has not yet
 * fails the batch, to be tried again after a pause (its error may yet pass).
 */
async function applyEventByEvent(
  manager: EntityManager,
  projection: Projection,
  events: RecordedEvent[],
  failures: Map<Position, number>,
  attempts: number,
  parkAs: string,
): Promise<{ event: RecordedEvent; error: unknown }[]> {
  const parked: { event: RecordedEvent; error: unknown }[] = [];
  for (const event of events) {
    await manager.query('SAVEPOINT projection_event');
    try {
      await projection.apply(manager, [event]);
      await manager.query('RELEASE SAVEPOINT projection_event');
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT projection_event');
      if (isTransient(error)) throw error;
      const failed = (failures.get(event.position) ?? 0) + 1;
      failures.set(event.position, failed);
      if (failed < attempts) throw new EventFailedError(event, error);
      await parkEvent(manager, parkAs, event, error, failed);
      parked.push({ event, error });
    }
  }
  return parked;
}

function eventOf(event: RecordedEvent) {
  return { position: event.position, streamId: event.streamId, type: event.type };
}

async function tryLock(lock: QueryRunner, name: string): Promise<boolean> {
  const [row] = await lock.query(`SELECT pg_try_advisory_lock(hashtext('projection:' || $1)) AS locked`, [name]);
  return row.locked === true;
}

/** What a process knows of the projection it runs: health reports it. */
export interface RunnerState {
  state: 'standby' | 'running' | 'retrying';
  since: Date;
  /** The last failure while retrying. */
  error?: string;
}

/**
 * Runs a projection live until the signal aborts, never giving up: a failure that escapes the
 * runner (the store unreachable, the checkpoint moved) starts it again from its checkpoint after
 * a pause that doubles up to `maxBackoffMs`. Every change of state goes to `onRunnerState`.
 */
export async function keepProjecting(
  store: EventStore,
  db: DataSource,
  projection: Projection,
  options: RunProjectionOptions & { signal: AbortSignal; onRunnerState: (state: RunnerState) => void },
): Promise<void> {
  let current: RunnerState | undefined;
  const set = (state: RunnerState['state'], error?: string) => {
    if (state === current?.state && !error) return;
    // `since` is when it entered the state: retrying again keeps it and updates the error.
    current = { state, since: state === current?.state ? current.since : new Date(), ...(error ? { error } : {}) };
    options.onRunnerState(current);
  };
  for (let restarts = 0; !options.signal.aborted; restarts++) {
    try {
      await runProjection(store, db, projection, {
        ...options,
        live: true,
        onState: (state) => set(state),
        onBatch: (info) => {
          set('running');
          restarts = 0;
          options.onBatch?.(info);
        },
        onFailure: (failure) => {
          if (failure.parked) set('running');
          else set('retrying', failure.event ? `${failure.event.type} at ${failure.event.position}: ${failure.error}` : failure.error);
          options.onFailure?.(failure);
        },
      });
    } catch (error) {
      if (options.signal.aborted) break;
      const moved = error instanceof CheckpointMovedError;
      if (!moved) set('retrying', describeError(error));
      options.onFailure?.({ projection: projection.name, error: describeError(error), transient: moved || isTransient(error), attempt: restarts + 1, parked: false });
      const pause = moved ? 0 : Math.min(options.maxBackoffMs ?? 5000, (options.backoffMs ?? 100) * 2 ** restarts);
      await sleep(pause, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
}
