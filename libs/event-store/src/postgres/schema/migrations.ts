import type pg from 'pg';

/**
 * Versioned DDL of the PostgreSQL event store. A migration is never edited once shipped:
 * add a new one. They run at start-up, once each, under an advisory lock so that several
 * processes starting together do not race.
 */
export const EVENT_STORE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'streams and events',
    sql: `
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        version bigint NOT NULL CHECK (version > 0)
      );

      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        -- The writing transaction: readers stay below the oldest transaction still open,
        -- so an event committed out of position order is never skipped.
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        version bigint NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, version)
      );
      CREATE INDEX events_read_order ON events (transaction_id, global_position);

      -- Events are facts: corrections are new events, so the table refuses change.
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'ESI01';
      END $$;
      CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
    `,
  },
  {
    version: 2,
    name: 'append_to_stream',
    // One round trip per append: the version check comes before any position is taken,
    // so a losing writer burns no global position.
    sql: `
      CREATE FUNCTION append_to_stream(
        p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[],
        p_recorded_at timestamptz DEFAULT NULL
      ) RETURNS TABLE (stream_version bigint, transaction_id xid8, global_position bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        n bigint := cardinality(p_ids);
        new_version bigint;
        stored bigint;
      BEGIN
        -- A retried command: answer as the first time and append nothing.
        SELECT count(*) INTO stored FROM events e WHERE e.event_id = ANY(p_ids);
        IF stored = n THEN
          RETURN QUERY SELECT e.version, e.transaction_id, e.global_position FROM events e
            WHERE e.event_id = ANY(p_ids) ORDER BY e.global_position DESC LIMIT 1;
          RETURN;
        ELSIF stored > 0 THEN
          RAISE EXCEPTION 'event ids reused in %', p_stream USING ERRCODE = 'ESD01';
        END IF;

        IF p_expected = 'any' THEN
          INSERT INTO streams AS s VALUES (p_stream, n)
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n
            RETURNING s.version INTO new_version;
        ELSIF p_expected = 'no_stream' OR p_expected = '0' THEN
          INSERT INTO streams VALUES (p_stream, n) ON CONFLICT DO NOTHING
            RETURNING version INTO new_version;
        ELSIF p_expected = 'stream_exists' THEN
          UPDATE streams s SET version = s.version + n WHERE s.stream_id = p_stream
            RETURNING s.version INTO new_version;
        ELSE
          UPDATE streams s SET version = s.version + n
            WHERE s.stream_id = p_stream AND s.version = p_expected::bigint
            RETURNING s.version INTO new_version;
        END IF;

        IF new_version IS NULL THEN
          -- A concurrent retry of this same command may be the writer that won.
          IF (SELECT count(*) FROM events e WHERE e.event_id = ANY(p_ids)) = n THEN
            RETURN QUERY SELECT e.version, e.transaction_id, e.global_position FROM events e
              WHERE e.event_id = ANY(p_ids) ORDER BY e.global_position DESC LIMIT 1;
            RETURN;
          END IF;
          RAISE EXCEPTION 'stream version conflict on %', p_stream USING ERRCODE = 'ESV01',
            DETAIL = coalesce((SELECT s.version FROM streams s WHERE s.stream_id = p_stream), 0)::text;
        END IF;

        RETURN QUERY
          INSERT INTO events AS e (event_id, stream_id, version, type, data, metadata, recorded_at)
          SELECT u.id, p_stream, new_version - n + u.ord, u.type, u.data, u.metadata, coalesce(p_recorded_at, now())
          FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord)
          ORDER BY u.ord
          RETURNING e.version, e.transaction_id, e.global_position;
      END $$;
    `,
  },
];

const MIGRATION_LOCK = 7_340_001;

export async function migrateEventStore(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS event_store_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM event_store_migrations')).rows.map((r) => r.version),
    );
    for (const migration of EVENT_STORE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO event_store_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
