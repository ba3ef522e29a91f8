import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports started over HTTP (`POST /api/imports`): one row per job with its state and progress.
 * Operational state, not a read model: no projection writes it and a rebuild leaves it alone.
 * `owner` names the advisory lock the process running the job holds for as long as it lives, so
 * a job whose process is gone (stopped, killed) is told from one still running; `upload` is the
 * uploaded file, removed once the job ends.
 */
export class ImportJobs1764000001500 implements MigrationInterface {
  name = 'ImportJobs1764000001500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE import_jobs (
      id uuid PRIMARY KEY,
      owner integer NOT NULL,
      upload text NOT NULL,
      dataset text NOT NULL,
      file_name text NOT NULL,
      total_bytes bigint NOT NULL,
      options jsonb NOT NULL,
      requested_by text NOT NULL,
      state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz,
      bytes_read bigint NOT NULL DEFAULT 0,
      rows_read integer NOT NULL DEFAULT 0,
      summary jsonb,
      error text
    )`);
    await db.query('CREATE INDEX import_jobs_created_at ON import_jobs (created_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE import_jobs');
  }
}
