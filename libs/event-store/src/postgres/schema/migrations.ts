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
  {
    version: 3,
    name: 'append_to_streams',
    // Many streams in one statement and one transaction, all or none: what an import needs to
    // append thousands of rows a second. Set-based: one statement per kind of expectation to
    // move the streams' versions, one INSERT for every event. Event k of stream i is given as
    // p_stream_of[k] = i; p_expected and p_recorded_at are per stream.
    sql: `
      CREATE FUNCTION append_to_streams(
        p_streams text[], p_expected text[], p_recorded_at timestamptz[],
        p_stream_of int[], p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
      ) RETURNS TABLE (appended_stream text, stream_version bigint, transaction_id xid8, global_position bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        retried int[];
        failed int;
        -- The streams to append to (not retried): index, id, expectation, event count.
        b_i int[];
        b_stream text[];
        b_expected text[];
        b_n bigint[];
        moved text[];
        moved_versions bigint[];
      BEGIN
        IF (SELECT count(DISTINCT s) FROM unnest(p_streams) s) <> cardinality(p_streams) THEN
          RAISE EXCEPTION 'a stream is named twice in one batch' USING ERRCODE = '22023';
        END IF;
        -- Streams whose events are all stored already: a retried batch, answered as the first time.
        SELECT coalesce(array_agg(c.i) FILTER (WHERE c.stored = c.n), '{}'), min(c.i) FILTER (WHERE c.stored > 0 AND c.stored < c.n)
          INTO retried, failed
          FROM (SELECT u.si AS i, count(*) AS n, count(e.event_id) AS stored
                FROM unnest(p_stream_of, p_ids) AS u(si, id) LEFT JOIN events e ON e.event_id = u.id GROUP BY u.si) c;
        IF failed IS NOT NULL THEN
          RAISE EXCEPTION 'event ids reused in %', p_streams[failed] USING ERRCODE = 'ESD01', DETAIL = p_streams[failed];
        END IF;

        -- In stream order, so two batches over the same streams lock them in the same order.
        SELECT array_agg(s.i ORDER BY s.stream), array_agg(s.stream ORDER BY s.stream), array_agg(s.expected ORDER BY s.stream),
               array_agg(c.n ORDER BY s.stream)
          INTO b_i, b_stream, b_expected, b_n
          FROM unnest(p_streams, p_expected) WITH ORDINALITY AS s(stream, expected, i)
          JOIN (SELECT k AS i, count(*) AS n FROM unnest(p_stream_of) k GROUP BY k) c ON c.i = s.i
          WHERE NOT s.i = ANY(retried);

        IF b_i IS NULL THEN
          RETURN QUERY
            SELECT e.stream_id, e.version, e.transaction_id, e.global_position FROM events e
            JOIN unnest(p_stream_of, p_ids) AS u(si, id) ON e.event_id = u.id;
          RETURN;
        END IF;
        -- Each kind of expectation in its own statement, each stream found by its key: the
        -- streams table grows with the store, and nothing here may scan it.
        WITH b AS (SELECT * FROM unnest(b_stream, b_expected, b_n) WITH ORDINALITY AS b(stream, expected, n, o)),
        created AS (
          INSERT INTO streams (stream_id, version)
            SELECT b.stream, b.n FROM b WHERE b.expected IN ('no_stream', '0') ORDER BY b.o
            ON CONFLICT DO NOTHING RETURNING streams.stream_id, streams.version
        ), upserted AS (
          INSERT INTO streams AS s (stream_id, version)
            SELECT b.stream, b.n FROM b WHERE b.expected = 'any' ORDER BY b.o
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version RETURNING s.stream_id, s.version
        )
        SELECT array_agg(m.stream_id), array_agg(m.version) INTO moved, moved_versions
          FROM (SELECT * FROM created UNION ALL SELECT * FROM upserted) m;
        IF EXISTS (SELECT 1 FROM unnest(b_expected) x WHERE x NOT IN ('no_stream', '0', 'any')) THEN
          WITH updated AS (
            UPDATE streams s SET version = s.version + b.n
              FROM unnest(b_stream, b_expected, b_n) AS b(stream, expected, n)
              WHERE s.stream_id = b.stream AND (b.expected = 'stream_exists' OR (b.expected ~ '^[1-9][0-9]{0,17}$' AND s.version = b.expected::bigint))
              RETURNING s.stream_id, s.version
          )
          SELECT coalesce(moved, '{}') || array_agg(u.stream_id), coalesce(moved_versions, '{}') || array_agg(u.version)
            INTO moved, moved_versions FROM updated u;
        END IF;
        IF coalesce(cardinality(moved), 0) <> cardinality(b_i) THEN
          SELECT min(b.i) INTO failed FROM unnest(b_i, b_stream) AS b(i, stream) WHERE NOT b.stream = ANY(coalesce(moved, '{}'));
          RAISE EXCEPTION 'stream version conflict on %', p_streams[failed] USING ERRCODE = 'ESV01',
            DETAIL = p_streams[failed] || ' ' || coalesce((SELECT s.version FROM streams s WHERE s.stream_id = p_streams[failed]), 0)::text;
        END IF;

        IF cardinality(retried) > 0 THEN
          RETURN QUERY
            SELECT e.stream_id, e.version, e.transaction_id, e.global_position FROM events e
            JOIN unnest(p_stream_of, p_ids) AS u(si, id) ON e.event_id = u.id WHERE u.si = ANY(retried);
        END IF;
        RETURN QUERY
          WITH v AS (
            SELECT b.i, m.version - b.n AS base
            FROM unnest(b_i, b_stream, b_n) AS b(i, stream, n) JOIN unnest(moved, moved_versions) AS m(stream, version) ON m.stream = b.stream
          )
          INSERT INTO events AS e (event_id, stream_id, version, type, data, metadata, recorded_at)
          SELECT u.id, p_streams[u.si], v.base + row_number() OVER (PARTITION BY u.si ORDER BY u.k), u.type, u.data, u.metadata,
                 coalesce(p_recorded_at[u.si], now())
          FROM unnest(p_stream_of, p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(si, id, type, data, metadata, k)
          JOIN v ON v.i = u.si
          ORDER BY u.k
          RETURNING e.stream_id, e.version, e.transaction_id, e.global_position;
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
