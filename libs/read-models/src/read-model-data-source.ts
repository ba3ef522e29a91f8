import pg from 'pg';
import { DataSource } from 'typeorm';
import { IncidentRow } from './incidents/incident.entity.js';
import { IncidentVersionRow } from './incident-versions/incident-version.entity.js';
import { ReadModels1764000000000 } from './migrations/1764000000000-read-models.js';
import { Timeline1764000000200 } from './migrations/1764000000200-timeline.js';
import { ProjectionCheckpoint } from './projections/projection-checkpoint.entity.js';
import { TimelineEntryRow } from './timeline/timeline-entry.entity.js';
import { TimelineReviewRow } from './timeline/timeline-review.entity.js';

export const READ_MODEL_ENTITIES = [IncidentRow, ProjectionCheckpoint, IncidentVersionRow, TimelineEntryRow, TimelineReviewRow];
export const READ_MODEL_MIGRATIONS = [ReadModels1764000000000, Timeline1764000000200];

export function readModelDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    synchronize: false,
    extra: { max: poolSize },
  });
}

const MIGRATION_LOCK = 7_340_002;

/** Runs pending migrations once across processes that start together. */
export async function migrateReadModels(db: DataSource): Promise<void> {
  const lock = new pg.Client({ connectionString: (db.options as { url: string }).url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await lock.end();
  }
}
