import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Violations by group summed per month, kept by the `reviews` projection beside the cells: a
 * report over whole months reads these few rows, and only the partial months at the ends of a
 * period read the cells.
 */
export class ViolationMonthTotals1764000000120 implements MigrationInterface {
  name = 'ViolationMonthTotals1764000000120';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE violation_month_totals (
        rollup text NOT NULL,
        agreement_id text NOT NULL,
        month date NOT NULL,
        grp_kind text NOT NULL,
        grp text NOT NULL,
        alleged int NOT NULL,
        under_review int NOT NULL,
        confirmed int NOT NULL,
        dismissed int NOT NULL,
        inconclusive int NOT NULL,
        killed_in_confirmed int NOT NULL,
        PRIMARY KEY (rollup, agreement_id, month, grp_kind, grp)
      )`);
    await db.query('CREATE INDEX violation_month_totals_month ON violation_month_totals (rollup, month)');
    // Rebuild the reviews read model from the start, so the new table is filled.
    for (const table of ['violation_coalition_cells', 'review_memberships', 'violation_parties', 'reviews', 'review_incidents']) {
      await db.query(`DELETE FROM ${table}`);
    }
    await db.query(`DELETE FROM projection_checkpoints WHERE name = 'reviews'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE violation_month_totals');
  }
}
