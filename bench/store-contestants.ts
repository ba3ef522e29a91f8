import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { BenchEvent } from './store-payload.js';

/**
 * What the benchmark asks of each contestant. Every contestant loads its own modules lazily:
 * Emmett's pool library (dumbo) re-registers pg's global type parsers (int8 → BigInt, its own
 * JSON parser) when it creates a pool, so each contestant runs in a process of its own.
 */
export interface Contestant {
  /** Appends to a stream whose version is `version` now (0: a new stream), checked exactly. */
  append(streamId: string, version: number, events: BenchEvent[]): Promise<void>;
  /** Reads the whole store from the start, one batch at a time, with the contestant's own reader. */
  catchUp(batchSize: number, signal: AbortSignal, onBatch: (events: number) => void): Promise<void>;
  close(): Promise<void>;
}

export type ContestantName = 'ours' | 'emmett' | 'raw';

export function createContestant(name: ContestantName, url: string): Promise<Contestant> {
  switch (name) {
    case 'ours':
      return ours(url);
    case 'emmett':
      return emmett(url);
    case 'raw':
      return raw(url);
  }
}

const POOL_SIZE = 20;

async function ours(url: string): Promise<Contestant> {
  const { createPostgresEventStore, catchUp, START } =
    await import('../libs/event-store/src/index.js');
  const store = await createPostgresEventStore({ connectionString: url, poolSize: POOL_SIZE });
  return {
    append: async (streamId, version, events) => {
      await store.append(streamId, events, { expected: version });
    },
    catchUp: async (batchSize, signal, onBatch) => {
      await catchUp(store, { from: START, batchSize, signal }, async (batch) =>
        onBatch(batch.events.length),
      );
    },
    close: () => store.close(),
  };
}

async function emmett(url: string): Promise<Contestant> {
  const { getPostgreSQLEventStore, postgreSQLEventStoreMessageBatchPuller } =
    await import('@event-driven-io/emmett-postgresql');
  const { dumbo } = await import('@event-driven-io/dumbo');
  // The same pool size as ours (pg's default of 10 would cap the 16-writer line).
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  const executor = dumbo({ connectionString: url, pool });
  return {
    append: async (streamId, version, events) => {
      await store.appendToStream(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
        { expectedStreamVersion: BigInt(version) },
      );
    },
    catchUp: async (batchSize, signal, onBatch) => {
      // Emmett's own catch-up loop (what its consumers run), without its polling pause.
      const puller = postgreSQLEventStoreMessageBatchPuller({
        executor: executor.execute,
        batchSize,
        pullingFrequencyInMs: 0,
        stopWhen: { noMessagesLeft: true },
        signal,
        eachBatch: async (messages) => {
          onBatch(messages.length);
        },
      });
      await puller.start({ startFrom: 'BEGINNING' });
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}

/** The floor: a plain table, single-row INSERTs, COPY for batches, keyset reads. */
async function raw(url: string): Promise<Contestant> {
  const { from } = await import('pg-copy-streams');
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  await pool.query(`CREATE TABLE IF NOT EXISTS raw_events (
    id bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    version int NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now())`);
  return {
    append: async (streamId, version, events) => {
      if (events.length === 1) {
        const [e] = events;
        await pool.query(
          'INSERT INTO raw_events (stream_id, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)',
          [streamId, version + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
        );
        return;
      }
      const text = events
        .map((e, i) =>
          [
            streamId,
            String(version + i + 1),
            e.type,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
          ]
            .map(copyText)
            .join('\t'),
        )
        .join('\n');
      const client = await pool.connect();
      try {
        await pipeline(
          Readable.from([`${text}\n`]),
          client.query(
            from('COPY raw_events (stream_id, version, type, data, metadata) FROM STDIN'),
          ),
        );
      } finally {
        client.release();
      }
    },
    catchUp: async (batchSize, signal, onBatch) => {
      let after = '0';
      while (!signal.aborted) {
        const { rows } = await pool.query<{ id: string }>(
          `SELECT id, stream_id, version, type, data, metadata, recorded_at FROM raw_events
           WHERE id > $1 ORDER BY id LIMIT $2`,
          [after, batchSize],
        );
        if (rows.length > 0) {
          onBatch(rows.length);
          after = rows[rows.length - 1].id;
        }
        if (rows.length < batchSize) break;
      }
    },
    close: () => pool.end(),
  };
}

/** A field in COPY's text format. */
function copyText(value: string): string {
  return value.replace(
    /[\\\n\r\t]/g,
    (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c,
  );
}
