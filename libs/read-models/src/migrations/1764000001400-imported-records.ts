import type { MigrationInterface, QueryRunner } from 'typeorm';

const INCIDENT_TABLES = ['incidents', 'incident_versions'];
/** The ceasefire mechanism's copies of an incident's killed. */
const KILLED_TABLES = ['review_incidents', 'violation_parties', 'violation_coalition_cells'];

/**
 * What imported records need (issue 14):
 * - a casualty figure may be unknown: `killed` is NULL then (not 0), and sums skip it;
 * - `admin2`, `admin3` as datasets give them, filterable;
 * - `main_actor_ids`: the actors on a main side, so counts "by main actor" leave associated
 *   actors out (`actor_ids` keeps every actor named); every actor recorded before was a main one;
 * - `external_ids`: `acled:MLI858`, searchable through a GIN index.
 */
export class ImportedRecords1764000001400 implements MigrationInterface {
  name = 'ImportedRecords1764000001400';

  async up(db: QueryRunner): Promise<void> {
    for (const table of INCIDENT_TABLES) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN killed DROP NOT NULL`);
      await db.query(`ALTER TABLE ${table} ADD COLUMN admin2 text, ADD COLUMN admin3 text,
        ADD COLUMN main_actor_ids text[] NOT NULL DEFAULT '{}', ADD COLUMN external_ids text[] NOT NULL DEFAULT '{}'`);
      await db.query(`UPDATE ${table} SET main_actor_ids = actor_ids`);
      await db.query(`CREATE INDEX ${table}_external_ids ON ${table} USING gin (external_ids)`);
    }
    await db.query('ALTER TABLE reviews ALTER COLUMN incident_killed DROP NOT NULL');
    for (const table of KILLED_TABLES) await db.query(`ALTER TABLE ${table} ALTER COLUMN killed DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of KILLED_TABLES) {
      await db.query(`UPDATE ${table} SET killed = 0 WHERE killed IS NULL`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN killed SET NOT NULL`);
    }
    await db.query('UPDATE reviews SET incident_killed = 0 WHERE incident_killed IS NULL');
    await db.query('ALTER TABLE reviews ALTER COLUMN incident_killed SET NOT NULL');
    for (const table of INCIDENT_TABLES) {
      await db.query(`DROP INDEX ${table}_external_ids`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN admin2, DROP COLUMN admin3, DROP COLUMN main_actor_ids, DROP COLUMN external_ids`);
      await db.query(`UPDATE ${table} SET killed = 0 WHERE killed IS NULL`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN killed SET NOT NULL`);
    }
  }
}
