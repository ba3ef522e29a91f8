import { createPostgresEventStore, type EventStore } from '#event-store';
import { migrateReadModels, readModelDataSource } from '#read-models';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createTrackerApp } from '../apps/api/src/app.js';
import { withSealedSources } from '../apps/api/src/sources/sealed-sources.js';
import { SourceKeyring } from '../apps/api/src/sources/source-keyring.js';
import { freshDatabaseUrl } from './databases.js';

export interface TestTracker {
  app: NestExpressApplication;
  store: EventStore;
  readModels: DataSource;
  databaseUrl: string;
  /** Number of events in the store: a refused write leaves it unchanged. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the test PostgreSQL, not listening (use supertest). */
export async function startTestTracker(options: { demoData?: boolean; projections?: 'inline' | 'off' } = {}): Promise<TestTracker> {
  const databaseUrl = await freshDatabaseUrl('app');
  const readModels = readModelDataSource(databaseUrl);
  await readModels.initialize();
  await migrateReadModels(readModels);
  const store = withSealedSources(await createPostgresEventStore({ connectionString: databaseUrl }), new SourceKeyring(readModels));
  const app = await createTrackerApp({
    store,
    readModels,
    projections: options.projections ?? 'inline',
    demoData: options.demoData ?? false,
    logger: ['error'],
  });
  return {
    app,
    store,
    readModels,
    databaseUrl,
    eventCount: async () => Number((await readModels.query('SELECT count(*) AS n FROM events'))[0].n),
    close: async () => {
      await app.close();
      await store.close();
      await readModels.destroy();
    },
  };
}
