import pg from 'pg';
import { EventStoreUnavailableError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { appendToStream } from './append-to-stream.js';
import { appendToStreams } from './append-to-streams.js';
import { appendAnnouncer, appendsListener } from './appends-channel.js';
import { readAllBatch, headPosition } from './read-all-batch.js';
import { readStream, readStreams } from './read-stream.js';
import { migrateEventStore } from './schema/migrations.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Connections in the pool (default 20). */
  poolSize?: number;
}

/** Connects, runs the store's migrations, and returns the store. */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 20 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  try {
    await migrateEventStore(pool);
  } catch (error) {
    await pool.end();
    throw new EventStoreUnavailableError(`cannot prepare the PostgreSQL event store: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const announce = appendAnnouncer(pool);
  const appends = appendsListener(options.connectionString);
  return {
    append: async (streamId, events, options) => {
      const result = await appendToStream(pool, streamId, events, options);
      announce(result.position);
      return result;
    },
    appendMany: async (appends) => {
      const results = await appendToStreams(pool, appends);
      const last = results.reduce<string | undefined>((a, r) => (a && a > r.position ? a : r.position), undefined);
      if (last) announce(last);
      return results;
    },
    readStream: (streamId, opts) => readStream(pool, streamId, opts?.fromVersion),
    readStreams: (streamIds) => readStreams(pool, streamIds),
    readAll: (opts) => readAllBatch(pool, opts),
    headPosition: () => headPosition(pool),
    watchAppends: (listener) => appends.watch(listener),
    close: async () => {
      await appends.close();
      await pool.end();
    },
  };
}
