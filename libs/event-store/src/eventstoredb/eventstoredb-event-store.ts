import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventStore } from '../event-store.js';
import { appendToStream } from './append-to-stream.js';
import { headPosition, readAllBatch } from './read-all-batch.js';
import { readStream } from './read-stream.js';

export interface EventStoreDbEventStoreOptions {
  /**
   * A `kurrentdb://` (single node) or `kurrentdb+discover://` (cluster) connection string, e.g.
   * `kurrentdb://localhost:2113?tls=false` (the client still reads the older `esdb://` form, with
   * a deprecation warning). Keep the default `nodePreference=leader`, so that a
   * read made right after a write sees it. Reading `$all` needs a user allowed to (admin or
   * `$ops`) on a secure server.
   */
  connectionString: string;
}

/**
 * The EventStoreDB adapter of the port. Versions are 1-based here and revisions 0-based in
 * EventStoreDB: version = revision + 1. Positions are `{commit, prepare}` encoded as
 * `<commit, 20 digits>-<prepare, 20 digits>`, which sort as `$all` does.
 *
 * The client connects lazily: use openEventStore() to fail at start when the server is away.
 */
export async function createEventStoreDbEventStore(
  options: EventStoreDbEventStoreOptions,
): Promise<EventStore> {
  const client = KurrentDBClient.connectionString(options.connectionString);
  return {
    append: (streamId, events, options) => appendToStream(client, streamId, events, options),
    readStream: (streamId, opts) => readStream(client, streamId, opts?.fromVersion),
    // No read of many streams at once in EventStoreDB: one read per stream, side by side.
    readStreams: async (streamIds) => {
      const read = await Promise.all(streamIds.map(async (id) => [id, await readStream(client, id)] as const));
      return new Map(read.filter(([, events]) => events.length > 0));
    },
    readAll: (opts) => readAllBatch(client, opts),
    headPosition: () => headPosition(client),
    close: () => client.dispose(),
  };
}
