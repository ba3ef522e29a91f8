import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The temporal read model and the timeline, both kept by the `timeline` projection:
 * - `incident_versions`: one row per version of an incident, valid over the recorded-time range
 *   [valid_from, valid_to) (valid_to NULL: still current). Same columns as `incidents`, so the
 *   map's filters and the GeoJSON work on either.
 * - `timeline_entries`: one row per event of interest (report, amendment, verification change,
 *   retraction, review finding), with a summary as a code and its parameters.
 * - `timeline_reviews`: which incident a review is about, for the findings.
 */
export class Timeline1764000000200 implements MigrationInterface {
  name = 'Timeline1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE incident_versions (
        id uuid NOT NULL,
        version int NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        recorded_at timestamptz NOT NULL,
        position text NOT NULL,
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
        CONSTRAINT incident_versions_pkey PRIMARY KEY (id, version),
        CONSTRAINT incident_versions_valid CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    // The projection finds the current version of an incident by this one.
    await db.query('CREATE UNIQUE INDEX incident_versions_current ON incident_versions (id) WHERE valid_to IS NULL');
    // "As of" reads: the occurred-time window or the map's order, then the validity range.
    await db.query('CREATE INDEX incident_versions_occurred_at ON incident_versions (occurred_at, id)');
    await db.query('CREATE INDEX incident_versions_location ON incident_versions USING gist (location)');
    await db.query(`
      CREATE TABLE timeline_entries (
        id uuid NOT NULL,
        incident_id uuid,
        review_id text,
        kind text NOT NULL,
        event_type text NOT NULL,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        position text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        incident_version int,
        occurred_at timestamptz,
        time_precision text,
        place text,
        admin1 text,
        lat double precision,
        lon double precision,
        actor_ids text[],
        summary_code text NOT NULL,
        summary_params jsonb NOT NULL,
        CONSTRAINT timeline_entries_pkey PRIMARY KEY (id)
      )`);
    await db.query('CREATE INDEX timeline_entries_incident ON timeline_entries (incident_id, recorded_at, position)');
    await db.query(`
      CREATE TABLE timeline_reviews (
        review_id text NOT NULL,
        incident_id uuid NOT NULL,
        agreement_id text,
        CONSTRAINT timeline_reviews_pkey PRIMARY KEY (review_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE timeline_reviews');
    await db.query('DROP TABLE timeline_entries');
    await db.query('DROP TABLE incident_versions');
  }
}
