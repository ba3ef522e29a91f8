import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events a projection could not apply, set aside so it goes on past them (the dead-letter store
 * of Marten's async daemon, EventStoreDB's parked messages). A row is written in the transaction
 * that moves the projection's checkpoint past the event, and removed when a rebuild
 * (`projections:retry`) applies the event after a fix.
 */
export class ParkedEvents1764000000600 implements MigrationInterface {
  name = 'ParkedEvents1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE parked_events (
        projection text NOT NULL,
        position text NOT NULL,
        stream_id text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, position)
      )`);
    await db.query('CREATE INDEX parked_events_stream ON parked_events (stream_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE parked_events');
  }
}
