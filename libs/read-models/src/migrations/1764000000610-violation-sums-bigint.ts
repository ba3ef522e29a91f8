import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dead in confirmed violations, summed per group and month, as `bigint`: one incident holds
 * at most MAX_CASUALTY_COUNT (1,000,000) dead, so 2,148 such incidents in a month overflowed
 * `int` and the `reviews` projection could not apply the finding (issue 12's property test).
 * Counts of reviews stay `int` (2^31 reviews in a month is out of reach).
 */
export class ViolationSumsBigint1764000000610 implements MigrationInterface {
  name = 'ViolationSumsBigint1764000000610';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE violation_month_totals ALTER COLUMN killed_in_confirmed TYPE bigint');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE violation_month_totals ALTER COLUMN killed_in_confirmed TYPE int');
  }
}
