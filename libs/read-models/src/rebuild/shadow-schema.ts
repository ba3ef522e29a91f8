import type { DataSource, EntityManager } from 'typeorm';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Identifiers we create are made of these only; anything else is refused rather than quoted. */
const SAFE = /^[a-z_][a-z0-9_]*$/;

export const ident = (name: string) => {
  if (!SAFE.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
};

/** `rebuild_timeline`, `verify_incidents`: where fresh tables are built beside the live ones. */
export function shadowSchemaName(kind: 'rebuild' | 'verify', projection: string): string {
  return `${kind}_${projection.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

export async function schemaExists(db: Queryable, schema: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}

interface IndexDefinition {
  name: string;
  definition: string;
  /** Backs a primary key, unique or exclusion constraint (created with the table). */
  constraint: string | null;
  unique: boolean;
  method: string;
}

async function indexesOf(db: Queryable, schema: string, table: string): Promise<IndexDefinition[]> {
  return db.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, c.conname AS constraint, x.indisunique AS unique, am.amname AS method
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_am am ON am.oid = i.relam
     LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
     WHERE x.indrelid = format('%I.%I', $1::text, $2::text)::regclass
     ORDER BY i.relname`,
    [schema, table],
  );
}

/**
 * Indexes that a projection may need while it writes (unique ones, which back lookups and
 * ON CONFLICT, and plain btrees) are made with the table; the others (GiST, GIN: read paths
 * only, and costly to keep up row by row), and the btrees the projection names as read paths
 * only, are made once the rows are in.
 */
const madeLater = (index: IndexDefinition, readOnly: readonly string[]) =>
  !index.constraint && !index.unique && (index.method !== 'btree' || readOnly.includes(index.name));

/** `CREATE INDEX name ON public.t …` → the same on `schema.t`, keeping the name. */
function onSchema(definition: string, schema: string, table: string): string {
  const match = /^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( .*)$/s.exec(definition);
  if (!match) throw new Error(`cannot read the index definition: ${definition}`);
  return `${match[1]}IF NOT EXISTS ${match[2]}${match[3]}${ident(schema)}.${ident(table)}${match[5]}`;
}

/**
 * Creates `schema` with an empty copy of each live table (same columns, defaults, generated
 * columns, checks, constraints and index names, so that the tables can later replace the live
 * ones as they are), an empty `projection_checkpoints` for the shadow runner, and a
 * `shadow_info` row that records what is being built.
 */
export async function createShadowSchema(
  db: DataSource,
  schema: string,
  projection: string,
  tables: readonly string[],
  readOnlyIndexes: readonly string[] = [],
): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`CREATE SCHEMA ${ident(schema)}`);
    for (const table of tables) {
      await m.query(`CREATE TABLE ${ident(schema)}.${ident(table)} (LIKE public.${ident(table)} INCLUDING ALL EXCLUDING INDEXES)`);
      const constraints: { name: string; definition: string }[] = await m.query(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE conrelid = format('public.%I', $1::text)::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
        [table],
      );
      for (const c of constraints) await m.query(`ALTER TABLE ${ident(schema)}.${ident(table)} ADD CONSTRAINT ${ident(c.name)} ${c.definition}`);
      for (const index of await indexesOf(m, 'public', table)) {
        if (!index.constraint && !madeLater(index, readOnlyIndexes)) await m.query(onSchema(index.definition, schema, table));
      }
    }
    await m.query(`CREATE TABLE ${ident(schema)}.projection_checkpoints (LIKE public.projection_checkpoints INCLUDING ALL)`);
    await m.query(
      `CREATE TABLE ${ident(schema)}.shadow_info (
         projection text PRIMARY KEY, tables text[] NOT NULL, shape text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), events bigint NOT NULL DEFAULT 0)`,
    );
    await m.query(`INSERT INTO ${ident(schema)}.shadow_info (projection, tables, shape) VALUES ($1, $2, $3)`, [
      projection,
      tables,
      await shapeOf(m, 'public', tables),
    ]);
  });
}

/**
 * The indexes left for after the rows are in (see `madeLater`), then fresh statistics: a new
 * table has none until autovacuum comes by, and the planner would guess.
 */
export async function finishShadowTables(db: Queryable, schema: string, tables: readonly string[], readOnlyIndexes: readonly string[] = []): Promise<void> {
  for (const table of tables) {
    for (const index of await indexesOf(db, 'public', table)) {
      if (madeLater(index, readOnlyIndexes)) await db.query(onSchema(index.definition, schema, table));
    }
    await db.query(`ANALYZE ${ident(schema)}.${ident(table)}`);
  }
}

/** The columns and their types of each table, as one comparable text. */
export async function shapeOf(db: Queryable, schema: string, tables: readonly string[]): Promise<string> {
  const rows: { shape: string }[] = await db.query(
    `SELECT string_agg(format('%s(%s)', c.relname, (
              SELECT string_agg(format('%s %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
              FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)), '; ' ORDER BY c.relname) AS shape
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
    [schema, tables],
  );
  return rows[0]?.shape ?? '';
}

export interface ShadowInfo {
  projection: string;
  tables: string[];
  shape: string;
  startedAt: Date;
  events: number;
}

export async function readShadowInfo(db: Queryable, schema: string): Promise<ShadowInfo | undefined> {
  if (!(await schemaExists(db, schema))) return undefined;
  const rows: { projection: string; tables: string[]; shape: string; started_at: Date; events: string }[] = await db
    .query(`SELECT projection, tables, shape, started_at, events FROM ${ident(schema)}.shadow_info`)
    .catch(() => []);
  const row = rows[0];
  return row && { projection: row.projection, tables: row.tables, shape: row.shape, startedAt: row.started_at, events: Number(row.events) };
}

export async function dropShadowSchema(db: Queryable, schema: string): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
}
