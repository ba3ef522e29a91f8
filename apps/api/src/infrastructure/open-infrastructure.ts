import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '#database';
import { openEventStore, type EventStore } from '#event-store';
import { migrateReadModels, readModelDataSource } from '#read-models';
import type { DataSource } from 'typeorm';
import type { TrackerConfig } from '../config.js';
import { withSealedSources } from '../sources/sealed-sources.js';
import { SourceKeyring } from '../sources/source-keyring.js';

export interface Infrastructure {
  databaseUrl: string;
  store: EventStore;
  readModels: DataSource;
  close(): Promise<void>;
}

/**
 * PostgreSQL (the given server, or an embedded one with its data under the project), the event
 * store, and the migrated read-model database.
 */
export async function openInfrastructure(config: TrackerConfig, log: (line: string) => void): Promise<Infrastructure> {
  let stopEmbedded = async () => {};
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log(`starting embedded PostgreSQL (data in ${config.embeddedDataDir}, port ${config.embeddedPort})`);
    const server = await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      log: config.embeddedLog ? (line) => process.stdout.write(line) : undefined,
      notice: log,
    });
    stopEmbedded = server.stop;
    databaseUrl = withDatabase(server.url, 'tracker');
    await ensureDatabase(databaseUrl);
  }
  try {
    const readModels = readModelDataSource(databaseUrl);
    await readModels.initialize();
    await migrateReadModels(readModels);
    const events = await openEventStore({
      kind: config.eventStore,
      postgresUrl: databaseUrl,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
    });
    const store = withSealedSources(events, new SourceKeyring(readModels));
    return {
      databaseUrl,
      store,
      readModels,
      close: async () => {
        await store.close();
        await readModels.destroy();
        await stopEmbedded();
      },
    };
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}
