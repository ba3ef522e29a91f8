import type { Projection } from '../projections/projection.js';

/** A projection that names the tables it writes, so they can be rebuilt and swapped together. */
export type ProjectionWithTables = Projection & {
  tables: readonly string[];
  /** Btree indexes only queries use (never the projection's own writes): a rebuild makes them at the end. */
  readOnlyIndexes?: readonly string[];
};

/** Projections written before `tables` existed on them. */
const KNOWN_TABLES: Record<string, readonly string[]> = {
  incidents: ['incidents'],
};

/**
 * The tables a projection writes: its own `tables`, or the list above. A rebuild refuses a
 * projection whose tables it does not know, rather than guess.
 */
export function tablesOf(projection: Projection): readonly string[] {
  const tables = (projection as Partial<ProjectionWithTables>).tables ?? KNOWN_TABLES[projection.name];
  if (!tables?.length) {
    throw new Error(`projection ${projection.name} does not say which tables it writes: give it a \`tables\` list to rebuild it`);
  }
  return tables;
}

export function readOnlyIndexesOf(projection: Projection): readonly string[] {
  return (projection as Partial<ProjectionWithTables>).readOnlyIndexes ?? [];
}
