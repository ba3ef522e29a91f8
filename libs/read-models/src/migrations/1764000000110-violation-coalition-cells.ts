import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coalition roll-up of violations by group, kept by the `reviews` projection rather than
 * computed per query: its own copy of the coalition memberships, and one row per (review, group
 * as of the incident's day) with the group's flags merged, so the report is one scan and one
 * group-by for either roll-up.
 */
export class ViolationCoalitionCells1764000000110 implements MigrationInterface {
  name = 'ViolationCoalitionCells1764000000110';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE review_memberships (
        coalition_id text NOT NULL,
        actor_id text NOT NULL,
        from_date date NOT NULL,
        to_date date,
        PRIMARY KEY (coalition_id, actor_id, from_date)
      )`);
    await db.query('CREATE INDEX review_memberships_actor ON review_memberships (actor_id, from_date)');
    await db.query(`
      CREATE TABLE violation_coalition_cells (
        review_id uuid NOT NULL,
        grp text NOT NULL,
        grp_kind text NOT NULL,
        members text[] NOT NULL,
        incident_id uuid NOT NULL,
        agreement_id text NOT NULL,
        occurred_on date NOT NULL,
        killed int NOT NULL,
        alleged boolean NOT NULL,
        under_review boolean NOT NULL,
        confirmed boolean NOT NULL,
        dismissed boolean NOT NULL,
        inconclusive boolean NOT NULL,
        PRIMARY KEY (review_id, grp_kind, grp)
      )`);
    await db.query(`CREATE INDEX violation_coalition_cells_agreement ON violation_coalition_cells (agreement_id, occurred_on)
      INCLUDE (grp, grp_kind, killed, alleged, under_review, confirmed, dismissed, inconclusive)`);
    await db.query(`CREATE INDEX violation_coalition_cells_occurred_on ON violation_coalition_cells (occurred_on)
      INCLUDE (grp, grp_kind, killed, alleged, under_review, confirmed, dismissed, inconclusive)`);
    await db.query('CREATE INDEX violation_parties_party ON violation_parties (party)');
    // Rebuild the reviews read model from the start, so the new table is filled.
    await db.query(`DELETE FROM violation_parties`);
    await db.query(`DELETE FROM reviews`);
    await db.query(`DELETE FROM review_incidents`);
    await db.query(`DELETE FROM projection_checkpoints WHERE name = 'reviews'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX violation_parties_party');
    await db.query('DROP TABLE violation_coalition_cells');
    await db.query('DROP TABLE review_memberships');
  }
}
