import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys that seal source references in the events. Not a read model: it cannot be rebuilt
 * from the events, and a deleted row (an erased source) must stay deleted.
 */
export class SourceKeys1764000000300 implements MigrationInterface {
  name = 'SourceKeys1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE source_keys (
        incident_id uuid NOT NULL,
        source_id text NOT NULL,
        key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, source_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE source_keys');
  }
}
