import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A month's dead in confirmed violations is a sum over incidents of up to MAX_CASUALTY_COUNT
 * (1,000,000) each: 2,148 such incidents overflow `int`, and a projection that cannot store its
 * sum stops. `bigint` holds any sum the record can produce.
 */
export class KilledSumsBigint1764000000650 implements MigrationInterface {
  name = 'KilledSumsBigint1764000000650';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE violation_month_totals ALTER COLUMN killed_in_confirmed TYPE bigint');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE violation_month_totals ALTER COLUMN killed_in_confirmed TYPE int');
  }
}
