import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { eventually } from '../../../test/eventually.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { importedIncidentId } from '#tracker';

const fixtures = fileURLToPath(new URL('../../../libs/tracker/src/imports/fixtures/', import.meta.url));
const ACLED = join(fixtures, 'acled-mali-2014.csv');
const UCDP = join(fixtures, 'ucdp-ged-mali-2014.csv');
const MAX_BYTES = 256 * 1024;

interface Job {
  id: string;
  state: string;
  error: string | null;
  progress: { bytesRead: number; totalBytes: number; rows: number; rowsPerSecond: number | null };
  summary: { read: number; new: number; rejected: number; rejections: { line: number; reason: string }[]; lastPosition: string } | null;
}

/** An ACLED file of `rows` rows, each a copy of the fixture's first row under its own id. */
async function generatedAcled(directory: string, rows: number): Promise<string> {
  const [header, first] = (await readFile(ACLED, 'utf8')).split('\n');
  const lines = Array.from({ length: rows }, (_, n) => first.replace(/^MLI858,/, `GEN${n},`));
  const file = join(directory, `generated-${rows}.csv`);
  await writeFile(file, [header, ...lines].join('\n'));
  return file;
}

describe('Imports over HTTP (POST /api/imports, a job with progress)', () => {
  let tracker: TestTracker;
  let admin: SignedClient;
  let uploads: string;
  const waitDone = async (client: SignedClient, id: string): Promise<Job> =>
    (await eventually(`import ${id} ends`, async () => {
      const job = (await client.get(`/api/imports/${id}`).expect(200)).body as Job;
      return job.state === 'done' || job.state === 'failed' ? job : undefined;
    }, { timeoutMs: 60_000, intervalMs: 100 }))!;

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'import-uploads-'));
    tracker = await startTestTracker({ uploads: { maxBytes: MAX_BYTES, directory: uploads } });
    admin = await tracker.client('admin');
  });
  afterAll(async () => {
    await tracker?.close();
    await rm(uploads, { recursive: true, force: true });
  });

  it('answers 202 with a job, whose state, progress and summary with the rejected lines GET /api/imports/:id gives; the rows are then on the record', async () => {
    const started = await admin.post('/api/imports').field('dataset', 'acled').attach('file', ACLED, 'acled-mali-2014 (Kidal, été).csv');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ dataset: 'acled', fileName: 'acled-mali-2014 (Kidal, été).csv', requestedBy: 'admin', options: { retractMissing: false } });
    expect(['queued', 'running']).toContain(started.body.state);

    const job = await waitDone(admin, started.body.id);
    expect(job.state).toBe('done');
    expect(job.progress.bytesRead).toBe(job.progress.totalBytes);
    expect(job.progress.rows).toBe(job.summary!.read);
    expect(job.summary!.read).toBe(34);
    expect(job.summary!.new).toBeGreaterThan(20);
    expect(job.summary!.rejected).toBe(job.summary!.rejections.length);
    expect(job.summary!.rejections.length).toBeGreaterThan(0);
    for (const rejection of job.summary!.rejections) expect(rejection).toEqual({ line: expect.any(Number), reason: expect.any(String) });

    const found = await admin.get('/api/incidents').query({ minPosition: job.summary!.lastPosition, external: 'acled:MLI858' }).expect(200);
    expect(found.body.features.map((f: { id: string }) => f.id)).toEqual([importedIncidentId('acled', 'MLI858')]);
    const [event] = await tracker.store.readStream(`incident-${importedIncidentId('acled', 'MLI858')}`);
    expect(event.metadata).toMatchObject({ userId: 'admin', import: { dataset: 'acled', file: 'acled-mali-2014 (Kidal, été).csv' } });

    const listed = await admin.get('/api/imports').expect(200);
    expect(listed.body.imports.map((j: Job) => j.id)).toContain(started.body.id);
    // The upload is removed once its import has ended.
    expect(await readdir(uploads)).toEqual([]);
  });

  it('imports a UCDP file with its release, and the same file again appends nothing', async () => {
    const send = () => admin.post('/api/imports').field('dataset', 'ucdp').field('release', '25.1').field('published', '2025-06-01').attach('file', UCDP);
    const first = await waitDone(admin, (await send().expect(202)).body.id);
    expect(first.state).toBe('done');
    expect(first.summary!.new).toBeGreaterThan(0);
    const before = await tracker.eventCount();
    const again = await waitDone(admin, (await send().expect(202)).body.id);
    expect(again.summary).toMatchObject({ new: 0, amended: 0 });
    expect(await tracker.eventCount()).toBe(before);
  });

  it('refuses, naming the field and writing nothing, a missing file, a wrong dataset, a UCDP import without its release, content that is not the dataset\'s CSV, and a file too large', async () => {
    const binary = join(uploads, '..', `binary-${process.pid}.csv`);
    await writeFile(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]));
    const large = join(uploads, '..', `large-${process.pid}.csv`);
    await writeFile(large, `${(await readFile(ACLED, 'utf8')).split('\n')[0]}\n${'x'.repeat(MAX_BYTES)}\n`);
    const cases: [string, () => ReturnType<SignedClient['post']>, number, string][] = [
      ['no file', () => admin.post('/api/imports').field('dataset', 'acled'), 400, 'file'],
      ['a JSON body', () => admin.post('/api/imports').send({ dataset: 'acled' }), 400, 'file'],
      ['an unknown dataset', () => admin.post('/api/imports').field('dataset', 'gtd').attach('file', ACLED), 400, 'dataset'],
      ['no dataset', () => admin.post('/api/imports').attach('file', ACLED), 400, 'dataset'],
      ['UCDP without a release', () => admin.post('/api/imports').field('dataset', 'ucdp').field('published', '2025-06-01').attach('file', UCDP), 400, 'release'],
      ['UCDP with a bad day', () => admin.post('/api/imports').field('dataset', 'ucdp').field('release', '25.1').field('published', '2025-13-01').attach('file', UCDP), 400, 'published'],
      ['a bad flag', () => admin.post('/api/imports').field('dataset', 'acled').field('retractMissing', 'yes').attach('file', ACLED), 400, 'retractMissing'],
      ['binary content', () => admin.post('/api/imports').field('dataset', 'acled').attach('file', binary), 400, 'file'],
      ['a UCDP file as ACLED', () => admin.post('/api/imports').field('dataset', 'acled').attach('file', UCDP), 400, 'file'],
      ['an ACLED file as UCDP', () => admin.post('/api/imports').field('dataset', 'ucdp').field('release', '25.1').field('published', '2025-06-01').attach('file', ACLED), 400, 'file'],
      ['a file too large', () => admin.post('/api/imports').field('dataset', 'acled').attach('file', large), 413, 'file'],
    ];
    const jobs = (await admin.get('/api/imports').expect(200)).body.imports.length;
    const events = await tracker.eventCount();
    try {
      for (const [what, send, status, field] of cases) {
        const response = await send();
        expect({ what, status: response.status }).toEqual({ what, status });
        expect({ what, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ what, fields: expect.arrayContaining([field]) });
      }
      expect((await admin.get('/api/imports').expect(200)).body.imports.length).toBe(jobs);
      expect(await tracker.eventCount()).toBe(events);
      // Refused uploads are not left on disk.
      await eventually('refused uploads are removed', async () => (await readdir(uploads)).length === 0);
    } finally {
      await rm(binary, { force: true });
      await rm(large, { force: true });
    }
  });

  it('lets only administrators import or see imports', async () => {
    for (const role of ['monitor', 'reviewer', 'analyst'] as const) {
      const client = await tracker.client(role);
      expect((await client.post('/api/imports').field('dataset', 'acled').attach('file', ACLED)).status).toBe(403);
      expect((await client.get('/api/imports')).status).toBe(403);
    }
    expect((await admin.get('/api/imports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('shows a job whose process died (its connection, and so its lock, gone) as failed, not running forever', async () => {
    const owner = new pg.Client({ connectionString: tracker.databaseUrl });
    await owner.connect();
    await owner.query('SELECT pg_advisory_lock(7340014, 4242)');
    const id = '6f1d7a52-3c1b-4b8e-9a51-0c2d3e4f5a6b';
    await owner.query(
      `INSERT INTO import_jobs (id, owner, upload, dataset, file_name, total_bytes, options, requested_by, state, created_at, started_at)
       VALUES ($1, 4242, '/nonexistent/upload', 'acled', 'big.csv', 1000, '{"retractMissing":false}', 'admin', 'running', now(), now())`,
      [id],
    );
    expect((await admin.get(`/api/imports/${id}`).expect(200)).body.state).toBe('running');
    await owner.end();
    await eventually('the job shows as interrupted', async () => {
      const job = (await admin.get(`/api/imports/${id}`).expect(200)).body as Job;
      return job.state === 'failed' && /interrupted/.test(job.error ?? '');
    });
  });
});

describe('An import under way when the tracker stops', () => {
  it('is failed (interrupted) after the restart, not running forever', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'import-restart-'));
    const first = await startTestTracker({ uploads: { maxBytes: 64 * 1024 * 1024, directory } });
    try {
      const admin = await first.client('admin');
      const file = await generatedAcled(directory, 20_000);
      const started = await admin.post('/api/imports').field('dataset', 'acled').attach('file', file).expect(202);
      await eventually('the import is under way', async () => ((await admin.get(`/api/imports/${started.body.id}`)).body as Job).progress.bytesRead > 0, { timeoutMs: 30_000 });
      await first.close();
      const second = await startTestTracker({ databaseUrl: first.databaseUrl, uploads: { maxBytes: 1024, directory } });
      try {
        const job = (await (await second.client('admin')).get(`/api/imports/${started.body.id}`).expect(200)).body as Job;
        expect(job.state).toBe('failed');
        expect(job.error).toMatch(/interrupted/);
        expect(job.progress.rows).toBeLessThan(20_000);
      } finally {
        await second.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
