import { setTimeout as sleep } from 'node:timers/promises';
import { catchUp, START, type EventStore, type Position } from '#event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from './projection.js';

export interface RunProjectionOptions {
  batchSize?: number;
  /** Keep following the store once caught up. */
  live?: boolean;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  /** Called after each committed batch. */
  onBatch?: (info: { projection: string; events: number; position: Position }) => void;
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
    while (!(await tryLock(lock, projection.name))) {
      if (options.signal?.aborted) return readCheckpoint(db, projection.name);
      await sleep(1000, undefined, { signal: options.signal }).catch(() => undefined);
    }
    await db.query(
      `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, '', now()) ON CONFLICT (name) DO NOTHING`,
      [projection.name],
    );
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
        await db.transaction(async (manager) => {
          // Checked (and the row held) before any row is written: a rebuild that switched the
          // tables over has moved the checkpoint, and this batch must not touch the new tables.
          const [held] = await manager.query('SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [projection.name]);
          if (held?.position !== checkpoint) throw new CheckpointMovedError(projection.name);
          if (batch.events.length > 0) await projection.apply(manager, batch.events);
          const [, moved] = await manager.query(
            'UPDATE projection_checkpoints SET position = $1, updated_at = now() WHERE name = $2 AND position = $3',
            [batch.lastPosition, projection.name, checkpoint],
          );
          if (moved !== 1) throw new CheckpointMovedError(projection.name);
        });
        checkpoint = batch.lastPosition;
        options.onBatch?.({ projection: projection.name, events: batch.events.length, position: checkpoint });
      },
    );
  } finally {
    await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await lock.release();
  }
}

async function tryLock(lock: QueryRunner, name: string): Promise<boolean> {
  const [row] = await lock.query(`SELECT pg_try_advisory_lock(hashtext('projection:' || $1)) AS locked`, [name]);
  return row.locked === true;
}
