import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security state that is not a projection of events:
 * - an erased source keeps its `source_keys` row with no key, so its id never gets a key again;
 * - an `Idempotency-Key` is claimed with its request's hash before the command runs (its answer
 *   is filled in after), so one key binds one request body however many arrive at once.
 */
export class Security1764000000900 implements MigrationInterface {
  name = 'Security1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE source_keys ALTER COLUMN key DROP NOT NULL');
    await db.query('ALTER TABLE idempotent_requests ALTER COLUMN status DROP NOT NULL, ALTER COLUMN response DROP NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DELETE FROM idempotent_requests WHERE status IS NULL');
    await db.query('ALTER TABLE idempotent_requests ALTER COLUMN status SET NOT NULL, ALTER COLUMN response SET NOT NULL');
    await db.query('DELETE FROM source_keys WHERE key IS NULL');
    await db.query('ALTER TABLE source_keys ALTER COLUMN key SET NOT NULL');
  }
}
