import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data (actors, coalitions with memberships, agreements), violation reviews, violations by group. */
export class CeasefireMechanism1764000000100 implements MigrationInterface {
  name = 'CeasefireMechanism1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE actors (
        id text PRIMARY KEY,
        version int NOT NULL,
        name text NOT NULL,
        short_name text NOT NULL,
        aliases text[] NOT NULL,
        kind text NOT NULL,
        inter int NOT NULL,
        -- lower-cased name, short name and aliases: how imports find an actor by name
        match_keys text[] NOT NULL,
        record jsonb NOT NULL,
        last_changed_at timestamptz NOT NULL,
        last_changed_by text NOT NULL,
        position text NOT NULL
      )`);
    await db.query('CREATE INDEX actors_match_keys ON actors USING gin (match_keys)');
    await db.query(`
      CREATE TABLE coalitions (
        id text PRIMARY KEY,
        version int NOT NULL,
        name text NOT NULL,
        short_name text NOT NULL,
        record jsonb NOT NULL,
        last_changed_at timestamptz NOT NULL,
        last_changed_by text NOT NULL,
        position text NOT NULL
      )`);
    // A member from from_date (included) until to_date (excluded; null while it lasts).
    await db.query(`
      CREATE TABLE coalition_memberships (
        coalition_id text NOT NULL,
        actor_id text NOT NULL,
        from_date date NOT NULL,
        to_date date,
        PRIMARY KEY (coalition_id, actor_id, from_date)
      )`);
    await db.query('CREATE INDEX coalition_memberships_actor ON coalition_memberships (actor_id, from_date)');
    await db.query(`
      CREATE TABLE agreements (
        id text PRIMARY KEY,
        version int NOT NULL,
        name text NOT NULL,
        signed_on date NOT NULL,
        in_force_from date NOT NULL,
        parties text[] NOT NULL,
        record jsonb NOT NULL,
        last_changed_at timestamptz NOT NULL,
        last_changed_by text NOT NULL,
        position text NOT NULL
      )`);
    // What the reviews projection knows of each incident: its day, its dead, whether retracted.
    await db.query(`
      CREATE TABLE review_incidents (
        incident_id uuid PRIMARY KEY,
        occurred_on date NOT NULL,
        killed int NOT NULL,
        retracted boolean NOT NULL
      )`);
    await db.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        incident_id uuid NOT NULL,
        agreement_id text NOT NULL,
        status text NOT NULL,
        outcome text,
        alleged_by text NOT NULL,
        alleged_parties text[] NOT NULL,
        responsible_parties text[] NOT NULL,
        parties text[] NOT NULL,
        incident_occurred_on date NOT NULL,
        incident_killed int NOT NULL,
        incident_retracted boolean NOT NULL,
        record jsonb NOT NULL,
        alleged_at timestamptz NOT NULL,
        alleged_by_user text NOT NULL,
        last_changed_at timestamptz NOT NULL,
        last_changed_by text NOT NULL,
        position text NOT NULL
      )`);
    await db.query('CREATE INDEX reviews_occurred_on ON reviews (incident_occurred_on, id)');
    await db.query('CREATE INDEX reviews_agreement ON reviews (agreement_id, incident_occurred_on)');
    await db.query('CREATE INDEX reviews_incident ON reviews (incident_id)');
    await db.query('CREATE INDEX reviews_parties ON reviews USING gin (parties)');
    // One row per (review, party alleged or held responsible), with the incident's day and dead:
    // the by-group report is one indexed range scan and a group-by.
    await db.query(`
      CREATE TABLE violation_parties (
        review_id uuid NOT NULL,
        party text NOT NULL,
        incident_id uuid NOT NULL,
        agreement_id text NOT NULL,
        occurred_on date NOT NULL,
        killed int NOT NULL,
        alleged boolean NOT NULL,
        under_review boolean NOT NULL,
        confirmed boolean NOT NULL,
        dismissed boolean NOT NULL,
        inconclusive boolean NOT NULL,
        incident_retracted boolean NOT NULL,
        PRIMARY KEY (review_id, party)
      )`);
    await db.query(`CREATE INDEX violation_parties_agreement ON violation_parties (agreement_id, occurred_on)
      INCLUDE (review_id, party, killed, alleged, under_review, confirmed, dismissed, inconclusive)`);
    await db.query(`CREATE INDEX violation_parties_occurred_on ON violation_parties (occurred_on)
      INCLUDE (review_id, party, killed, alleged, under_review, confirmed, dismissed, inconclusive)`);
    await db.query('CREATE INDEX violation_parties_incident ON violation_parties (incident_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['violation_parties', 'reviews', 'review_incidents', 'agreements', 'coalition_memberships', 'coalitions', 'actors']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
