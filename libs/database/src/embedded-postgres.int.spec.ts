import { chmod, mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const connect = async (url: string, password?: string) => {
  const parsed = new URL(url);
  if (password !== undefined) parsed.password = password;
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  return client;
};

/** Issue 13, point 6: anyone on the machine could sign in to the embedded PostgreSQL with the word `embedded`. */
describe('The embedded PostgreSQL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tracker-embedded-'));
    // Under root the server runs as the `postgres` user, which must reach the data directories.
    await chmod(dir, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gets a random password on first start, kept in a file only its owner may read, listens on loopback only, and keeps the password', async () => {
    const dataDir = join(dir, 'postgres');
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await stat(`${dataDir}.password`)).mode & 0o777).toBe(0o600);
      await expect(connect(first.url, 'embedded')).rejects.toMatchObject({ code: '28P01' });
      const client = await connect(first.url);
      expect((await client.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
      await client.end();
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(new URL(again.url).password).toBe(new URL(first.url).password);
      await (await connect(again.url)).end();
    } finally {
      await again.stop();
    }
  });

  it('gives a cluster made with the old fixed password a random one on its next start', async () => {
    const dataDir = join(dir, 'old');
    const first = await startEmbeddedPostgres({ dataDir });
    const client = await connect(first.url);
    await client.query(`ALTER ROLE postgres PASSWORD 'embedded'`);
    await client.end();
    await first.stop();
    await unlink(`${dataDir}.password`);

    const next = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(connect(next.url, 'embedded')).rejects.toMatchObject({ code: '28P01' });
      await (await connect(next.url)).end();
    } finally {
      await next.stop();
    }
  });
});
