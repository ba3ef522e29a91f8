import { randomBytes } from 'node:crypto';
import { ensureDatabase, withDatabase } from '../libs/database/src/index.js';

/** A new, empty database on the test server, for one test file or one test. */
export async function freshDatabaseUrl(label = 't'): Promise<string> {
  const server = process.env.TEST_SERVER_URL;
  if (!server) throw new Error('TEST_SERVER_URL is not set: run the tests through jest (test/global-setup.ts)');
  const url = withDatabase(server, `${label}_${randomBytes(6).toString('hex')}`);
  await ensureDatabase(url);
  return url;
}
