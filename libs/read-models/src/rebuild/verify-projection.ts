import type { EventStore, Position } from '#event-store';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { parkedPositions } from '../projections/parked-events.js';
import { readCheckpoint } from '../projections/projection-runner.js';
import { readOnlyIndexesOf, tablesOf } from './projection-tables.js';
import { shadowDataSource, urlOf } from './shadow-data-source.js';
import { finishShadowTables, createShadowSchema, dropShadowSchema, ident, shadowSchemaName } from './shadow-schema.js';

export interface TableVerification {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** Rows whose checksum differs, or that only one side has. */
  differing: number;
  /** The first of them (primary key as text), with what is wrong. */
  examples: { key: string; difference: 'differs' | 'only in the live table' | 'only in the rebuild' }[];
}

export interface Verification {
  projection: string;
  ok: boolean;
  /** The live checkpoint the comparison was made at; the fresh build stopped at the same event. */
  position: Position;
  events: number;
  tables: TableVerification[];
}

export interface VerifyOptions {
  batchSize?: number;
  /** Differing rows listed per table (default 20). */
  examples?: number;
  onProgress?: (progress: { projection: string; events: number; position: Position; until: Position }) => void;
  signal?: AbortSignal;
}

/**
 * Builds the projection afresh from the events, in the schema `verify_<name>`, up to exactly the
 * live checkpoint, and compares the two row by row: the md5 of each row's text, matched by
 * primary key. The live rows are read in one snapshot together with their checkpoint (the
 * live runner may go on meanwhile), their checksums kept in a temporary table of the session;
 * the comparison runs in PostgreSQL, so memory stays flat whatever the size.
 */
export async function verifyProjection(store: EventStore, db: DataSource, projection: Projection, options: VerifyOptions = {}): Promise<Verification> {
  const tables = tablesOf(projection);
  const schema = shadowSchemaName('verify', projection.name);
  const batchSize = options.batchSize ?? 2000;
  const session = new pg.Client({ connectionString: urlOf(db) });
  await session.connect();
  let fresh: DataSource | undefined;
  try {
    const [{ locked }] = (await session.query(`SELECT pg_try_advisory_lock(hashtext('verify:' || $1)) AS locked`, [projection.name])).rows;
    if (!locked) throw new Error(`another verification of ${projection.name} is running`);
    await dropShadowSchema(db, schema);
    await createShadowSchema(db, schema, projection.name, tables, readOnlyIndexesOf(projection));
    fresh = shadowDataSource(urlOf(db), schema);
    await fresh.initialize();

    // The live tables went past the events the projection parked: so does the fresh build.
    const parked = await parkedPositions(db, projection.name);
    // Most of the way first, while the live runner goes on.
    let built = await buildUntil(store, fresh, projection, '', await readCheckpoint(db, projection.name), batchSize, options, parked);

    // The live rows and their checkpoint, in one snapshot.
    await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const position: Position = (await session.query('SELECT position FROM public.projection_checkpoints WHERE name = $1', [projection.name])).rows[0]?.position ?? '';
    for (const p of await parkedPositions({ query: async (sql: string, params?: unknown[]) => (await session.query(sql, params)).rows }, projection.name)) parked.add(p);
    const keys = new Map<string, string>();
    for (const [i, table] of tables.entries()) {
      keys.set(table, await rowKey(session, table));
      await session.query(`CREATE TEMP TABLE live_sums_${i} ON COMMIT PRESERVE ROWS AS SELECT ${keys.get(table)} AS key, md5(x::text) AS sum FROM public.${ident(table)} x`);
    }
    await session.query('COMMIT');

    built = await buildUntil(store, fresh, projection, built.position, position, batchSize, options, parked, built.events);
    if (options.signal?.aborted) throw new Error(`verification of ${projection.name} stopped before the comparison`);
    if (built.position < position) throw new Error(`the fresh build stopped at ${built.position}, before the live checkpoint ${position}`);
    await finishShadowTables(fresh, schema, tables, readOnlyIndexesOf(projection));

    const results: TableVerification[] = [];
    for (const [i, table] of tables.entries()) {
      const fromFresh = `(SELECT ${keys.get(table)} AS key, md5(x::text) AS sum FROM ${ident(schema)}.${ident(table)} x)`;
      const { rows: [counts] } = await session.query(
        `SELECT (SELECT count(*) FROM live_sums_${i}) AS live, (SELECT count(*) FROM ${fromFresh} f) AS fresh,
                (SELECT count(*) FROM live_sums_${i} l FULL JOIN ${fromFresh} f ON l.key = f.key WHERE l.sum IS DISTINCT FROM f.sum) AS differing`,
      );
      const { rows: examples } = await session.query(
        `SELECT coalesce(l.key, f.key) AS key,
                CASE WHEN l.key IS NULL THEN 'only in the rebuild' WHEN f.key IS NULL THEN 'only in the live table' ELSE 'differs' END AS difference
         FROM live_sums_${i} l FULL JOIN ${fromFresh} f ON l.key = f.key
         WHERE l.sum IS DISTINCT FROM f.sum ORDER BY 1 LIMIT $1`,
        [options.examples ?? 20],
      );
      results.push({ table, liveRows: Number(counts.live), rebuiltRows: Number(counts.fresh), differing: Number(counts.differing), examples });
    }
    return { projection: projection.name, ok: results.every((t) => t.differing === 0), position, events: built.events, tables: results };
  } finally {
    await session.query('ROLLBACK').catch(() => undefined);
    await fresh?.destroy().catch(() => undefined);
    await dropShadowSchema(db, schema).catch(() => undefined);
    await session.end().catch(() => undefined);
  }
}

/** Applies the events after `from` up to and including `until` but the parked ones, in bounded batches. */
async function buildUntil(
  store: EventStore,
  fresh: DataSource,
  projection: Projection,
  from: Position,
  until: Position,
  batchSize: number,
  options: VerifyOptions,
  parked: ReadonlySet<Position>,
  events = 0,
): Promise<{ position: Position; events: number }> {
  let position = from;
  while (position < until && !options.signal?.aborted) {
    const batch = await store.readAll({ after: position, limit: batchSize, streamPrefixes: projection.streamPrefixes });
    const mine = batch.events.filter((e) => e.position <= until);
    const applied = mine.filter((e) => !parked.has(e.position));
    if (applied.length) await fresh.transaction((m) => projection.apply(m, applied));
    events += mine.length;
    const next = mine.length < batch.events.length ? until : batch.lastPosition < until ? batch.lastPosition : until;
    if (next <= position) break; // the store has nothing more (a checkpoint beyond its head)
    position = next;
    options.onProgress?.({ projection: projection.name, events, position, until });
  }
  return { position, events };
}

/** The primary key of a row as text (or, without one, its own checksum and a counter). */
async function rowKey(session: pg.Client, table: string): Promise<string> {
  const { rows } = await session.query<{ column: string }>(
    `SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = format('public.%I', $1::text)::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int[], a.attnum::int)`,
    [table],
  );
  if (rows.length === 0) return `md5(x::text) || '#' || row_number() OVER (PARTITION BY md5(x::text))`;
  return rows.map((r) => `x."${r.column.replaceAll('"', '""')}"::text`).join(` || '/' || `);
}
