import pg from 'pg';
import type { Position } from '#event-store';

export interface CopyCheckpoint {
  position: Position;
  copiedEvents: number;
}

/**
 * How far a copy has got, kept in PostgreSQL (`store_copy_checkpoints`) per source → target,
 * written after each batch. The target cannot share a transaction with it, so a crash may
 * leave one batch copied but not checkpointed: the next run copies it again, which changes
 * nothing, since appends are idempotent by event id.
 */
export class CopyCheckpoints {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<CopyCheckpoints> {
    const pool = new pg.Pool({ connectionString, max: 2 });
    pool.on('error', () => undefined);
    try {
      await pool.query(`CREATE TABLE IF NOT EXISTS store_copy_checkpoints (
        source text NOT NULL,
        target text NOT NULL,
        position text NOT NULL,
        copied_events bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, target)
      )`);
    } catch (error) {
      await pool.end();
      throw new Error(
        `cannot keep the copy's checkpoint in PostgreSQL (DATABASE_URL): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return new CopyCheckpoints(pool);
  }

  async read(source: string, target: string): Promise<CopyCheckpoint | undefined> {
    const { rows } = await this.pool.query<{ position: string; copied_events: string }>(
      'SELECT position, copied_events FROM store_copy_checkpoints WHERE source = $1 AND target = $2',
      [source, target],
    );
    return rows[0] && { position: rows[0].position, copiedEvents: Number(rows[0].copied_events) };
  }

  async save(source: string, target: string, checkpoint: CopyCheckpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO store_copy_checkpoints (source, target, position, copied_events) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source, target) DO UPDATE
         SET position = EXCLUDED.position, copied_events = EXCLUDED.copied_events, updated_at = now()`,
      [source, target, checkpoint.position, checkpoint.copiedEvents],
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
