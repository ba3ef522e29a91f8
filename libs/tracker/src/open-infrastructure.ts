import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '#database';
import { openEventStore, type EventStore, type EventStoreKind } from '#event-store';
import { migrateReadModels, readModelDataSource } from '#read-models';
import type { DataSource } from 'typeorm';
import type { EvidenceSettings, TrackerConfig } from './config.js';
import { postgresEvidenceFiles } from './evidence/evidence-files.js';
import { EvidenceKeyring } from './evidence/evidence-keyring.js';
import { EvidenceStorage } from './evidence/evidence-storage.js';
import { s3EvidenceFiles } from './evidence/s3-evidence-files.js';
import { withSealedSources } from './sources/sealed-sources.js';
import { SourceKeyring } from './sources/source-keyring.js';

export interface Infrastructure {
  databaseUrl: string;
  store: EventStore;
  readModels: DataSource;
  evidence: EvidenceStorage;
  close(): Promise<void>;
}

/** Where the tracker's processes write what they have to say while opening and running. */
export interface TrackerLog {
  log(line: string): void;
  warn(line: string): void;
}

/**
 * The migrated read-model database on `databaseUrl` and the event store (on the same database, or
 * EventStoreDB), its source references sealed with keys kept in the read-model database.
 */
export async function openStores(options: {
  databaseUrl: string;
  eventStore?: EventStoreKind;
  eventStoreDbConnectionString?: string;
  /** Where evidence files go: the read-model database unless an S3-compatible store is given. */
  evidence?: Pick<EvidenceSettings, 's3'>;
  log: TrackerLog;
}): Promise<Infrastructure> {
  const readModels = readModelDataSource(options.databaseUrl);
  await readModels.initialize();
  try {
    await migrateReadModels(readModels);
    const events = await openEventStore({
      kind: options.eventStore ?? 'postgres',
      postgresUrl: options.databaseUrl,
      eventStoreDbConnectionString: options.eventStoreDbConnectionString,
    });
    const store = withSealedSources(events, new SourceKeyring(readModels, (line) => options.log.warn(line)));
    const s3 = options.evidence?.s3;
    const evidence = new EvidenceStorage(new EvidenceKeyring(readModels), s3 ? s3EvidenceFiles(s3) : postgresEvidenceFiles(readModels));
    return {
      databaseUrl: options.databaseUrl,
      store,
      readModels,
      evidence,
      close: async () => {
        await store.close();
        await readModels.destroy();
      },
    };
  } catch (error) {
    await readModels.destroy();
    throw error;
  }
}

/**
 * What every tracker process runs on, as configured: PostgreSQL (the given server, or an embedded
 * one with its data under the project), the event store, and the migrated read-model database.
 */
export async function openInfrastructure(config: TrackerConfig, log: TrackerLog): Promise<Infrastructure> {
  let stopEmbedded = async () => {};
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.log(`starting embedded PostgreSQL (data in ${config.embeddedDataDir}, port ${config.embeddedPort})`);
    const server = await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      log: config.embeddedLog ? (line) => process.stdout.write(line) : undefined,
      notice: (line) => log.log(line),
    });
    stopEmbedded = server.stop;
    databaseUrl = withDatabase(server.url, 'tracker');
    await ensureDatabase(databaseUrl);
  }
  try {
    const stores = await openStores({
      databaseUrl,
      eventStore: config.eventStore,
      eventStoreDbConnectionString: config.eventStoreDbConnectionString,
      evidence: config.evidence,
      log,
    });
    return {
      ...stores,
      close: async () => {
        await stores.close();
        await stopEmbedded();
      },
    };
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}
