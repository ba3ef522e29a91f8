import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReadModels1764000000000 implements MigrationInterface {
  name = 'ReadModels1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        status text NOT NULL,
        verification text NOT NULL,
        type text NOT NULL,
        sub_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        location point GENERATED ALWAYS AS (point(lon, lat)) STORED,
        admin1 text NOT NULL,
        targets text[] NOT NULL,
        actor_ids text[] NOT NULL,
        killed int NOT NULL,
        record jsonb NOT NULL,
        reported_at timestamptz NOT NULL,
        reported_by text NOT NULL,
        last_changed_at timestamptz NOT NULL,
        last_changed_by text NOT NULL,
        position text NOT NULL
      )`);
    // bbox queries use the GiST index on the point; date windows and paging the btree.
    await db.query('CREATE INDEX incidents_location ON incidents USING gist (location)');
    await db.query('CREATE INDEX incidents_occurred_at ON incidents (occurred_at, id)');
    await db.query('CREATE INDEX incidents_targets ON incidents USING gin (targets)');
    await db.query('CREATE INDEX incidents_actor_ids ON incidents USING gin (actor_ids)');
    await db.query(`
      CREATE TABLE idempotent_requests (
        key text NOT NULL,
        user_id text NOT NULL,
        request_hash text NOT NULL,
        status int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotent_requests');
    await db.query('DROP TABLE incidents');
    await db.query('DROP TABLE projection_checkpoints');
  }
}
