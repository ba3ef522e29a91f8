import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security state that is not a projection of events:
 * - the token signing secret and the source keys move to the schema `secrets`, which no role but
 *   the owner may use: a role given the read models (`SELECT` on schema `public`) cannot mint
 *   tokens nor open sources;
 * - an erased source keeps its `source_keys` row with no key, so its id never gets a key again;
 * - an `Idempotency-Key` is claimed with its request's hash before the command runs (its answer
 *   is filled in after), so one key binds one request body however many arrive at once;
 * - rate limits and sign-in failures are counted in `rate_limits` (rate-limiter-flexible's
 *   PostgreSQL layout), shared by every API instance; it replaces `login_failures`;
 * - the read models keep source references sealed from now on: those projected before held them
 *   in clear, so the incidents and timeline projections start again from the first event (their
 *   tables emptied with TRUNCATE, which gives them new files and deletes the old ones from disk;
 *   a rebuild or verification under way is dropped with its schema).
 */
export class Security1764000000900 implements MigrationInterface {
  name = 'Security1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA secrets');
    await db.query('REVOKE ALL ON SCHEMA secrets FROM PUBLIC');
    await db.query('ALTER TABLE auth_secrets SET SCHEMA secrets');
    await db.query('ALTER TABLE source_keys SET SCHEMA secrets');
    await db.query('ALTER TABLE secrets.source_keys ALTER COLUMN key DROP NOT NULL');
    await db.query('ALTER TABLE idempotent_requests ALTER COLUMN status DROP NOT NULL, ALTER COLUMN response DROP NOT NULL');
    await db.query('CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)');
    await db.query('DROP TABLE login_failures');
    await db.query('TRUNCATE incidents, incident_versions, timeline_entries, timeline_reviews');
    await db.query(`UPDATE projection_checkpoints SET position = '', updated_at = now() WHERE name IN ('incidents', 'timeline')`);
    for (const schema of ['rebuild_incidents', 'verify_incidents', 'rebuild_timeline', 'verify_timeline']) {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('CREATE TABLE login_failures (username text PRIMARY KEY, failures int NOT NULL, last_failed_at timestamptz NOT NULL)');
    await db.query('DROP TABLE rate_limits');
    await db.query('DELETE FROM idempotent_requests WHERE status IS NULL');
    await db.query('ALTER TABLE idempotent_requests ALTER COLUMN status SET NOT NULL, ALTER COLUMN response SET NOT NULL');
    await db.query('DELETE FROM secrets.source_keys WHERE key IS NULL');
    await db.query('ALTER TABLE secrets.source_keys ALTER COLUMN key SET NOT NULL');
    await db.query('ALTER TABLE secrets.source_keys SET SCHEMA public');
    await db.query('ALTER TABLE secrets.auth_secrets SET SCHEMA public');
    await db.query('DROP SCHEMA secrets');
  }
}
