import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, Position } from '#event-store';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { readCheckpoint, runProjection } from '../projections/projection-runner.js';
import { readOnlyIndexesOf, tablesOf } from './projection-tables.js';
import { shadowDataSource, urlOf } from './shadow-data-source.js';
import {
  finishShadowTables,
  createShadowSchema,
  dropShadowSchema,
  ident,
  readShadowInfo,
  shadowSchemaName,
  shapeOf,
} from './shadow-schema.js';

export type RebuildPhase = 'catching_up' | 'indexing' | 'switching' | 'done';

export interface RebuildProgress {
  projection: string;
  phase: RebuildPhase;
  /** Events applied to the fresh tables so far, over all runs of this rebuild. */
  events: number;
  position: Position;
}

export interface RebuildOptions {
  /** Events per read and per transaction (default 2000): memory stays flat whatever the store holds. */
  batchSize?: number;
  /** Throw away a rebuild left by an earlier run and start again. */
  restart?: boolean;
  /** Stops after the current batch with its checkpoint saved: run again to resume. */
  signal?: AbortSignal;
  onProgress?: (progress: RebuildProgress) => void;
  log?: (line: string) => void;
  /** Batches the switch-over may still apply while it holds the live tables (default 20); more, and it catches up first. */
  maxSwitchBatches?: number;
  /** How long the switch-over waits for the live tables (default 5 s) before it lets readers go and tries again. */
  lockTimeoutMs?: number;
}

export interface RebuildResult {
  projection: string;
  /** False when stopped by the signal: the rebuild stays where it got to. */
  completed: boolean;
  resumed: boolean;
  /** Events applied to the fresh tables, over all runs. */
  events: number;
  /** The live checkpoint after the switch (or the rebuild's, when stopped). */
  position: Position;
  seconds: number;
}

export class RebuildBusyError extends Error {
  constructor(projection: string) {
    super(`another rebuild of ${projection} is running`);
  }
}

class NotCaughtUpError extends Error {}


/**
 * Rebuilds a projection from the events into fresh tables in the schema `rebuild_<name>` while
 * the live tables keep serving, then switches over in one transaction once caught up: the fresh
 * tables take the live ones' place (same names, indexes and constraints) and the live checkpoint
 * moves to the rebuild's. The live runner notices its checkpoint moved (compare-and-set) and
 * carries on from there with the new tables.
 *
 * An event that fails is parked under the live projection's name, and the rebuild goes on; the
 * switch-over removes the parked events the rebuild applied (`projections:retry` is this).
 *
 * The rebuild keeps its own checkpoint in its schema, committed with each batch: stopped (signal)
 * or killed, the next run resumes where it got to. One rebuild per projection at a time.
 */
export async function rebuildProjection(
  store: EventStore,
  db: DataSource,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 2000;
  const tables = tablesOf(projection);
  const schema = shadowSchemaName('rebuild', projection.name);
  const shadowName = `rebuild:${projection.name}`;

  const lock = new pg.Client({ connectionString: urlOf(db) });
  await lock.connect();
  let shadow: DataSource | undefined;
  try {
    const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(hashtext('rebuild:' || $1)) AS locked`, [projection.name])).rows;
    if (!locked) throw new RebuildBusyError(projection.name);

    let info = await readShadowInfo(db, schema);
    if (info && options.restart) {
      log(`${projection.name}: starting again (--restart): the earlier rebuild is thrown away`);
      info = undefined;
    } else if (info && (await shapeOf(db, 'public', tables)) !== (await shapeOf(db, schema, tables))) {
      log(`${projection.name}: the live tables changed shape since the rebuild began (a migration?): starting again`);
      info = undefined;
    }
    const resumed = info !== undefined;
    if (!info) {
      await dropShadowSchema(db, schema);
      await createShadowSchema(db, schema, projection.name, tables, readOnlyIndexesOf(projection));
      info = (await readShadowInfo(db, schema))!;
      log(`${projection.name}: rebuilding from the first event into ${schema}`);
    } else {
      log(`${projection.name}: resuming the rebuild in ${schema} after ${info.events} events`);
    }

    shadow = shadowDataSource(urlOf(db), schema);
    await shadow.initialize();
    let events = info.events;
    const counted: Projection = {
      name: shadowName,
      streamPrefixes: projection.streamPrefixes,
      async apply(manager: EntityManager, batch) {
        await projection.apply(manager, batch);
        await manager.query('UPDATE shadow_info SET events = events + $1', [batch.length]);
      },
    };
    const report = (phase: RebuildPhase, position: Position) => options.onProgress?.({ projection: projection.name, phase, events, position });
    report('catching_up', await readCheckpoint(shadow, shadowName));

    for (;;) {
      const position = await runProjection(store, shadow, counted, {
        batchSize,
        signal: options.signal,
        // What still fails is parked again under the live name, at once: a rebuild is a one-off run.
        parkAs: projection.name,
        attempts: 1,
        onBatch: (batch) => {
          events += batch.events;
          report('catching_up', batch.position);
        },
      });
      if (options.signal?.aborted) {
        log(`${projection.name}: stopped after ${events} events; run again to resume`);
        return { projection: projection.name, completed: false, resumed, events, position, seconds: (Date.now() - started) / 1000 };
      }
      report('indexing', position);
      await finishShadowTables(shadow, schema, tables, readOnlyIndexesOf(projection));
      report('switching', position);
      const switched = await switchWhenFree(store, shadow, projection, counted, { ...options, schema, tables, batchSize, startedAt: info.startedAt }, log);
      if (switched) {
        events += switched.events;
        log(`${projection.name}: switched over at ${switched.position} (${events} events)`);
        report('done', switched.position);
        return { projection: projection.name, completed: true, resumed, events, position: switched.position, seconds: (Date.now() - started) / 1000 };
      }
      log(`${projection.name}: the store moved on during the switch; catching up again`);
    }
  } finally {
    await shadow?.destroy().catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

/**
 * Tries the switch without queueing for the live tables first (NOWAIT: readers are never held
 * behind a waiting switch, and no deadlock with them is possible), then waits for them with a
 * timeout. Null when the store had moved on too far to finish inside the switch.
 */
async function switchWhenFree(
  store: EventStore,
  shadow: DataSource,
  projection: Projection,
  counted: Projection,
  options: Omit<SwitchOptions, 'wait'>,
  log: (line: string) => void,
): Promise<{ position: Position; events: number } | null> {
  for (let attempt = 0; ; attempt++) {
    const wait = attempt >= 40;
    try {
      return await switchOver(store, shadow, projection, counted, { ...options, wait });
    } catch (error) {
      if (error instanceof NotCaughtUpError) return null;
      if (!isLockTimeout(error)) throw error;
      if (attempt >= 60) throw new Error(`${projection.name}: the live tables stayed busy; the rebuild is kept, run again to switch`, { cause: error });
      if (attempt === 40) log(`${projection.name}: the live tables are busy; waiting for them`);
      await sleep(wait ? 200 : 50);
    }
  }
}

interface SwitchOptions {
  /** Wait for the live tables (with the lock timeout) rather than give up at once. */
  wait: boolean;
  schema: string;
  tables: readonly string[];
  batchSize: number;
  maxSwitchBatches?: number;
  lockTimeoutMs?: number;
  /** When this rebuild began: parked events that have not failed again since, it applied. */
  startedAt: Date;
}

/**
 * One transaction: take the live tables (readers wait a moment), apply what the store gained
 * since the last batch, move the live checkpoint, replace the live tables by the fresh ones,
 * drop the rebuild's schema. A crash anywhere before the commit leaves everything as it was.
 */
async function switchOver(
  store: EventStore,
  shadow: DataSource,
  projection: Projection,
  counted: Projection,
  options: SwitchOptions,
): Promise<{ position: Position; events: number }> {
  const live = options.tables.map((t) => `public.${ident(t)}`);
  return shadow.transaction(async (m) => {
    await m.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 5000))}`);
    // The live checkpoint first: a live runner takes it before it writes, so it either finishes
    // its batch before the switch or finds the checkpoint moved after it, never in between.
    await m.query(
      `INSERT INTO public.projection_checkpoints (name, position, updated_at) VALUES ($1, '', now()) ON CONFLICT (name) DO NOTHING`,
      [projection.name],
    );
    await m.query(`SELECT 1 FROM public.projection_checkpoints WHERE name = $1 FOR UPDATE${options.wait ? '' : ' NOWAIT'}`, [projection.name]);
    await m.query(`LOCK TABLE ${live.join(', ')} IN ACCESS EXCLUSIVE MODE${options.wait ? '' : ' NOWAIT'}`);
    let position: Position = (await m.query('SELECT position FROM projection_checkpoints WHERE name = $1', [counted.name]))[0]?.position ?? '';
    let events = 0;
    for (let batches = 0; ; batches++) {
      const batch = await store.readAll({ after: position, limit: options.batchSize, streamPrefixes: projection.streamPrefixes });
      if (batch.events.length) await counted.apply(m, batch.events);
      events += batch.events.length;
      if (batch.lastPosition > position) position = batch.lastPosition;
      if (batch.events.length < options.batchSize) break;
      if (batches + 1 >= (options.maxSwitchBatches ?? 20)) throw new NotCaughtUpError();
    }
    await m.query('UPDATE public.projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [projection.name, position]);
    await m.query('DELETE FROM public.parked_events WHERE projection = $1 AND last_failed_at < $2', [projection.name, options.startedAt]);
    for (const table of options.tables) {
      // A serial column's sequence belongs to the old table: hand it to the new one before the drop.
      const sequences: { column: string; sequence: string }[] = await m.query(
        `SELECT a.attname AS column, pg_get_serial_sequence(format('public.%I', $1::text), a.attname) AS sequence
         FROM pg_attribute a WHERE a.attrelid = format('public.%I', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = ''`,
        [table],
      );
      for (const { column, sequence } of sequences.filter((s) => s.sequence)) {
        await m.query(`ALTER SEQUENCE ${sequence} OWNED BY ${ident(options.schema)}.${ident(table)}."${column.replaceAll('"', '""')}"`);
      }
      await m.query(`DROP TABLE public.${ident(table)}`);
      await m.query(`ALTER TABLE ${ident(options.schema)}.${ident(table)} SET SCHEMA public`);
    }
    await m.query(`DROP SCHEMA ${ident(options.schema)} CASCADE`);
    return { position, events };
  });
}

function isLockTimeout(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
  return code === '55P03' || code === '40P01';
}
