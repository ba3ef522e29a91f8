import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { startEmbeddedPostgres, type RunningPostgres } from '#database';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/**
 * The tracker on a PostgreSQL of its own, which the test stops and starts again: while it is
 * away every call answers 503 with Retry-After (never 500), and once it is back the same
 * process serves again without a restart.
 */
describe('When PostgreSQL is unreachable', () => {
  let dataDir: string;
  let port: number;
  let postgres: RunningPostgres;
  let tracker: TestTracker;
  let monitor: SignedClient;
  let analyst: SignedClient;

  const start = () => startEmbeddedPostgres({ dataDir, port, serverFlags: ['-c', 'fsync=off'] });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tracker-outage-'));
    port = await getPort();
    postgres = await start();
    tracker = await startTestTracker({ databaseUrl: postgres.url });
    await tracker.registerActors(['mnla', 'fama']);
    monitor = await tracker.client('monitor');
    analyst = await tracker.client('analyst');
    expect((await monitor.post('/api/incidents').send(kidalReport())).status).toBe(201);
  });
  afterAll(async () => {
    await tracker?.close().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After on reads and writes, and serves again once it is back', async () => {
    await postgres.stop();
    const reads = ['/api/incidents', '/api/incidents/map', '/api/timeline?around=2014-05-17', '/api/actors', '/api/reviews'];
    for (const path of reads) {
      const response = await analyst.get(path);
      expect({ path, status: response.status, retryAfter: response.headers['retry-after'] }).toEqual({ path, status: 503, retryAfter: '5' });
    }
    const write = await monitor.post('/api/incidents').send(kidalReport());
    expect({ status: write.status, retryAfter: write.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '5' });
    expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(write.body).toMatchObject({ status: 503, type: expect.stringMatching(/\/problems\/(database|event_store)_unavailable$/) });

    postgres = await start();
    const written = await monitor.post('/api/incidents').send(kidalReport());
    expect(written.status).toBe(201);
    const list = await analyst.get('/api/incidents').query({ minPosition: written.body.position });
    expect(list.status).toBe(200);
    expect(list.headers['x-read-model-behind']).toBeUndefined();
    expect(list.body.features.map((f: { id: string }) => f.id)).toContain(written.body.id);
    for (const path of reads) expect({ path, status: (await analyst.get(path)).status }).toEqual({ path, status: 200 });
  });
});
