import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/**
 * One PostgreSQL server for the whole run: `DATABASE_URL` when given, otherwise a throw-away
 * embedded cluster. Each test file then creates its own database on it (test/databases.ts).
 * Plain JavaScript because jest runs this outside its TypeScript transform.
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = await tsImport('../libs/database/src/index.ts', import.meta.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'tracker-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    // Durability is pointless for a throw-away cluster and slows the suite.
    serverFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
  });
  process.env.TEST_SERVER_URL = server.url;
  globalThis.__testPostgres = { server, dataDir };
}
