import pg from 'pg';
import { DataSource } from 'typeorm';
import { IncidentRow } from './incidents/incident.entity.js';
import { IncidentVersionRow } from './incident-versions/incident-version.entity.js';
import { ReadModels1764000000000 } from './migrations/1764000000000-read-models.js';
import { CeasefireMechanism1764000000100 } from './migrations/1764000000100-ceasefire-mechanism.js';
import { ViolationCoalitionCells1764000000110 } from './migrations/1764000000110-violation-coalition-cells.js';
import { ViolationMonthTotals1764000000120 } from './migrations/1764000000120-violation-month-totals.js';
import { Timeline1764000000200 } from './migrations/1764000000200-timeline.js';
import { TimelineCurrentIndex1764000000210 } from './migrations/1764000000210-timeline-current-index.js';
import { SourceKeys1764000000300 } from './migrations/1764000000300-source-keys.js';
import { Auth1764000000400 } from './migrations/1764000000400-auth.js';
import { IncidentsBoxAndTime1764000000500 } from './migrations/1764000000500-incidents-box-and-time.js';
import { IncidentFeatures1764000000510 } from './migrations/1764000000510-incident-features.js';
import { ParkedEvents1764000000600 } from './migrations/1764000000600-parked-events.js';
import { KilledSumsBigint1764000000650 } from './migrations/1764000000650-killed-sums-bigint.js';
import { ImportedRecords1764000001400 } from './migrations/1764000001400-imported-records.js';
import { ImportJobs1764000001500 } from './migrations/1764000001500-import-jobs.js';
import { Evidence1764000001900 } from './migrations/1764000001900-evidence.js';
import { IncidentFeaturesWritten1764000002000 } from './migrations/1764000002000-incident-features-written.js';
import { TimelineSummaryParts1764000002100 } from './migrations/1764000002100-timeline-summary-parts.js';
import { Security1764000000900 } from './migrations/1764000000900-security.js';
import { ProjectionCheckpoint } from './projections/projection-checkpoint.entity.js';
import { ActorRow } from './actors/actor.entity.js';
import { AgreementRow } from './agreements/agreement.entity.js';
import { CoalitionMembershipRow } from './coalitions/coalition-membership.entity.js';
import { CoalitionRow } from './coalitions/coalition.entity.js';
import { ReviewIncidentRow } from './reviews/review-incident.entity.js';
import { ReviewMembershipRow } from './reviews/review-membership.entity.js';
import { ReviewRow } from './reviews/review.entity.js';
import { ViolationCoalitionCellRow } from './violations/violation-coalition-cell.entity.js';
import { ViolationMonthTotalRow } from './violations/violation-month-total.entity.js';
import { ViolationPartyRow } from './violations/violation-party.entity.js';
import { TimelineEntryRow } from './timeline/timeline-entry.entity.js';
import { TimelineReviewRow } from './timeline/timeline-review.entity.js';

const CEASEFIRE_MECHANISM_ENTITIES = [ActorRow, CoalitionRow, CoalitionMembershipRow, AgreementRow, ReviewRow, ReviewIncidentRow, ViolationPartyRow, ReviewMembershipRow, ViolationCoalitionCellRow, ViolationMonthTotalRow];

export const READ_MODEL_ENTITIES = [IncidentRow, ProjectionCheckpoint, IncidentVersionRow, TimelineEntryRow, TimelineReviewRow, ...CEASEFIRE_MECHANISM_ENTITIES];
export const READ_MODEL_MIGRATIONS = [
  ReadModels1764000000000,
  CeasefireMechanism1764000000100,
  ViolationCoalitionCells1764000000110,
  ViolationMonthTotals1764000000120,
  Timeline1764000000200,
  TimelineCurrentIndex1764000000210,
  SourceKeys1764000000300,
  Auth1764000000400,
  IncidentsBoxAndTime1764000000500,
  IncidentFeatures1764000000510,
  ParkedEvents1764000000600,
  KilledSumsBigint1764000000650,
  Security1764000000900,
  ImportedRecords1764000001400,
  ImportJobs1764000001500,
  Evidence1764000001900,
  IncidentFeaturesWritten1764000002000,
  TimelineSummaryParts1764000002100,
];

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
