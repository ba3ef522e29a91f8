import type { EventStore, Position } from '#event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { ident, readShadowInfo, shadowSchemaName } from './shadow-schema.js';

export interface ProjectionStatus {
  name: string;
  position: Position;
  updatedAt: Date | null;
  head: Position;
  /** Events of this projection's streams after its checkpoint, counted up to `lagCap`. */
  lag: number;
  lagCapped: boolean;
  /** Events it could not apply and set aside (`projections:parked` lists them, `projections:retry` replays them). */
  parked: number;
  /** A rebuild under way (or stopped, waiting to be resumed). */
  rebuild?: { position: Position; events: number; startedAt: Date };
}

/**
 * Each projection's checkpoint and how many events it is behind: counted by reading its streams
 * from the checkpoint, in batches, up to `lagCap` (so a projection far behind costs a bounded read).
 */
export async function projectionStatus(
  store: EventStore,
  db: DataSource,
  projections: readonly Projection[],
  lagCap = 100_000,
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const rows: { name: string; position: string; updated_at: Date }[] = await db.query('SELECT name, position, updated_at FROM projection_checkpoints');
  const parked = new Map<string, number>(
    (await db.query('SELECT projection, count(*)::int AS n FROM public.parked_events GROUP BY projection')).map((r: { projection: string; n: number }) => [r.projection, r.n]),
  );
  const statuses: ProjectionStatus[] = [];
  for (const projection of projections) {
    const row = rows.find((r) => r.name === projection.name);
    const position = row?.position ?? '';
    let lag = 0;
    let after = position;
    while (after < head && lag < lagCap) {
      const batch = await store.readAll({ after, limit: Math.min(5000, lagCap - lag), streamPrefixes: projection.streamPrefixes });
      lag += batch.events.length;
      if (batch.lastPosition <= after) break;
      after = batch.lastPosition;
    }
    const schema = shadowSchemaName('rebuild', projection.name);
    const info = await readShadowInfo(db, schema);
    statuses.push({
      name: projection.name,
      position,
      updatedAt: row?.updated_at ?? null,
      head,
      lag,
      lagCapped: lag >= lagCap,
      parked: parked.get(projection.name) ?? 0,
      ...(info
        ? { rebuild: { position: await rebuildPosition(db, schema, projection.name), events: info.events, startedAt: info.startedAt } }
        : {}),
    });
  }
  return statuses;
}

async function rebuildPosition(db: DataSource, schema: string, name: string): Promise<Position> {
  const rows: { position: string }[] = await db
    .query(`SELECT position FROM ${ident(schema)}.projection_checkpoints WHERE name = $1`, [`rebuild:${name}`])
    .catch(() => []);
  return rows[0]?.position ?? '';
}
