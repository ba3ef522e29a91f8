import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The map's usual question — the incidents in a box and a time window — answered by one index
 * on both (btree_gist lets a GiST index hold the time beside the point), so PostgreSQL visits only
 * the rows that match both instead of every row in the box. It serves the box alone as well.
 */
export class IncidentsBoxAndTime1764000000500 implements MigrationInterface {
  name = 'IncidentsBoxAndTime1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await db.query('CREATE INDEX incidents_location_occurred_at ON incidents USING gist (location, occurred_at)');
    await db.query('DROP INDEX incidents_location');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX incidents_location ON incidents USING gist (location)');
    await db.query('DROP INDEX incidents_location_occurred_at');
  }
}
