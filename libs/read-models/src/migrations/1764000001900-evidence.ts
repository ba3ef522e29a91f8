import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files, kept outside the events: each file's key in the schema `secrets` (a deleted
 * key stays a keyless row, so an erased file's id never gets a key again), and the encrypted
 * bytes in `evidence_files` (when they are not kept in an S3-compatible store). Neither is a read
 * model: neither can be rebuilt from the events.
 */
export class Evidence1764000001900 implements MigrationInterface {
  name = 'Evidence1764000001900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE secrets.evidence_keys (
        evidence_id uuid PRIMARY KEY,
        incident_id uuid NOT NULL,
        key bytea,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE evidence_files (
        evidence_id uuid PRIMARY KEY,
        incident_id uuid NOT NULL,
        bytes bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Already encrypted: compressing it would cost time and save nothing.
    await db.query('ALTER TABLE evidence_files ALTER COLUMN bytes SET STORAGE EXTERNAL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE evidence_files');
    await db.query('DROP TABLE secrets.evidence_keys');
  }
}
