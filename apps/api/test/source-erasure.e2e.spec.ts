import { migrateReadModels, readModelDataSource, rebuildProjection, runProjection, verifyProjection } from '#read-models';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../test/databases.js';
import { PROJECTIONS } from '../src/projections/projections.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { kidalReport } from '../../../test/fixtures.js';

const MARKER = 'informant-Zx81-phone-+223-7000-0000';

/** Every row of every table in the database, as text. */
async function wholeDatabaseText(db: DataSource): Promise<string> {
  const tables: { name: string }[] = await db.query(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
  );
  const parts = await Promise.all(tables.map(async ({ name }) => JSON.stringify(await db.query(`SELECT t::text AS row FROM ${name} t`))));
  return parts.join('\n');
}

/** Which of the markers are in the files of the database's tables and indexes, after a checkpoint. */
async function markersInTableFiles(db: DataSource, dataDirectory: string, markers: string[]): Promise<string[]> {
  await db.query('CHECKPOINT');
  const relations: { path: string }[] = await db.query(
    `SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c WHERE c.relkind IN ('r', 't', 'i', 'm') AND pg_relation_filepath(c.oid) IS NOT NULL`,
  );
  const found = new Set<string>();
  for (const { path } of relations) {
    for (let segment = 0; ; segment++) {
      const file = join(dataDirectory, segment ? `${path}.${segment}` : path);
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) break;
      for (const marker of markers) if (bytes.includes(marker)) found.add(marker);
    }
  }
  return [...found];
}

/** Which of the markers are in the WAL segments from `firstSegment` on. */
async function markersInWal(dataDirectory: string, firstSegment: string, markers: string[]): Promise<string[]> {
  const found = new Set<string>();
  const segments = (await readdir(join(dataDirectory, 'pg_wal'))).filter((name) => /^[0-9A-F]{24}$/.test(name) && name >= firstSegment);
  for (const name of segments) {
    const bytes = await readFile(join(dataDirectory, 'pg_wal', name));
    for (const marker of markers) if (bytes.includes(marker)) found.add(marker);
  }
  return [...found];
}

describe('Forgetting a source', () => {
  let tracker: TestTracker;
  let http: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(['mnla', 'fama']);
    http = await tracker.client('reviewer');
  });
  afterAll(() => tracker.close());

  it('stores the reference encrypted, and after erasure and a rebuild it is nowhere in the database', async () => {
    const body = kidalReport();
    body.sources = [
      ...body.sources,
      { kind: 'local_contact', reference: MARKER, reliability: 'unconfirmed', confidential: true } as (typeof body.sources)[number],
    ];
    const created = await http.post('/api/incidents').send(body).expect(201);
    const events: { data: string }[] = await tracker.readModels.query('SELECT data::text AS data FROM events');
    expect(events.some((e) => e.data.includes(MARKER))).toBe(false);

    const before = await http.get(`/api/incidents/${created.body.id}`).query({ minPosition: created.body.position }).expect(200);
    const source = before.body.details.sources.find((s: { reference: string }) => s.reference === MARKER);
    expect(source).toBeDefined();

    const erased = await http.post(`/api/incidents/${created.body.id}/sources/${source.id}/erasure`).expect(200);
    const after = await http.get(`/api/incidents/${created.body.id}`).query({ minPosition: erased.body.position }).expect(200);
    expect(after.body.details.sources.find((s: { id: string }) => s.id === source.id)).toMatchObject({ reference: '[erased]', erased: true });
    expect(after.body.details.sources[0].reference).toBe('NUPI Working Paper 853');

    const history = await http.get(`/api/incidents/${created.body.id}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({ type: 'IncidentSourceErased', recordedBy: 'reviewer-1', data: { sourceId: source.id } });
    expect(JSON.stringify(history.body)).not.toContain(MARKER);
    const csv = await http.get('/api/incidents/export').query({ format: 'csv' }).expect(200);
    expect(csv.text).not.toContain(MARKER);

    // Rebuild every projection from the events into a fresh read-model database.
    const rebuilt = readModelDataSource(await freshDatabaseUrl('rebuilt'));
    await rebuilt.initialize();
    await migrateReadModels(rebuilt);
    for (const projection of PROJECTIONS) await runProjection(tracker.store, rebuilt, projection);
    const [row]: { record: { details: { sources: { reference: string }[] } } }[] = await rebuilt.query('SELECT record FROM incidents WHERE id = $1', [
      created.body.id,
    ]);
    // The read models keep references sealed; the API opens them when it answers.
    expect(row.record.details.sources.map((s) => s.reference)).toEqual([expect.stringMatching(/^sealed:v1:/), '[erased]']);
    expect(await wholeDatabaseText(rebuilt)).not.toContain(MARKER);
    expect(await wholeDatabaseText(tracker.readModels)).not.toContain(MARKER);
    await rebuilt.destroy();
  });

  it('never writes a source in clear to a table file or the WAL: the read models keep it sealed, so deleting the key is enough', async () => {
    const [{ data_directory: dataDirectory }] = await tracker.readModels.query('SHOW data_directory');
    if (!(await access(dataDirectory).then(() => true, () => false))) {
      console.warn(`the database server's files (${dataDirectory}) are not on this machine: the disk scan did not run`);
      return;
    }
    const secret = `informant-on-disk-${Date.now()}`;
    // In plaintext by design (a description): proves the scan reads the files the rows are in.
    const control = `control-description-${Date.now()}`;
    await tracker.readModels.query('SELECT pg_switch_wal()');
    const [{ segment }] = await tracker.readModels.query('SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment');

    const body = { ...kidalReport(), description: control };
    body.sources = [...body.sources, { kind: 'local_contact', reference: secret, reliability: 'unconfirmed', confidential: false }];
    const created = await http.post('/api/incidents').send(body).expect(201);
    const shown = await http.get(`/api/incidents/${created.body.id}`).query({ minPosition: created.body.position }).expect(200);
    const source = shown.body.details.sources.find((s: { reference: string }) => s.reference === secret);
    expect(source).toBeDefined();
    await http.get('/api/timeline').query({ from: '2014-05-17', to: '2014-05-17', minPosition: created.body.position }).expect(200);
    const csv = await http.get('/api/incidents/export').query({ format: 'csv' }).expect(200);
    expect(csv.text).toContain(secret);

    expect(await markersInTableFiles(tracker.readModels, dataDirectory, [secret, control])).toEqual([control]);
    expect(await markersInWal(dataDirectory, segment, [secret, control])).toEqual([control]);

    const erased = await http.post(`/api/incidents/${created.body.id}/sources/${source.id}/erasure`).expect(200);
    const after = await http.get(`/api/incidents/${created.body.id}`).query({ minPosition: erased.body.position }).expect(200);
    expect(after.body.details.sources.find((s: { id: string }) => s.id === source.id)).toMatchObject({ reference: '[erased]', erased: true });
    expect((await http.get('/api/incidents/export').query({ format: 'csv' }).expect(200)).text).not.toContain(secret);
    expect(await markersInTableFiles(tracker.readModels, dataDirectory, [secret])).toEqual([]);
    expect(await markersInWal(dataDirectory, segment, [secret])).toEqual([]);
    // Reads every table file of the database twice: slow on a busy machine.
  }, 120_000);

  it('answers 404 for an unknown source and 422 for one already erased', async () => {
    const created = await http.post('/api/incidents').send(kidalReport()).expect(201);
    await http.post(`/api/incidents/${created.body.id}/sources/nope/erasure`).expect(404);
    const history = await http.get(`/api/incidents/${created.body.id}/history`).expect(200);
    const sourceId = history.body.events[0].data.sources[0].id;
    await http.post(`/api/incidents/${created.body.id}/sources/${sourceId}/erasure`).expect(200);
    const again = await http.post(`/api/incidents/${created.body.id}/sources/${sourceId}/erasure`).expect(422);
    expect(again.body.error).toBe('source_erased');
  });

  describe('is final and harmless', () => {
    const reportWithTwoSources = async () => {
      const body = kidalReport();
      body.sources = [...body.sources, { kind: 'local_contact', reference: 'contact in Kidal', reliability: 'unconfirmed', confidential: true }];
      const created = await http.post('/api/incidents').send(body).expect(201);
      const history = await http.get(`/api/incidents/${created.body.id}/history`).expect(200);
      const sources: { id: string; kind: string; reference: string; reliability: string; confidential: boolean }[] = history.body.events[0].data.sources;
      const erased = await http.post(`/api/incidents/${created.body.id}/sources/${sources[1].id}/erasure`).expect(200);
      return { id: created.body.id as string, sources, version: erased.body.version as number };
    };

    it('refuses with 422 an amendment that gives an erased source a reference again, and writes nothing', async () => {
      const { id, sources, version } = await reportWithTwoSources();
      const before = await tracker.eventCount();
      const refused = await http
        .patch(`/api/incidents/${id}`)
        .send({ expectedVersion: version, changes: { sources: [sources[0], { ...sources[1], reference: 'a new phone number' }] }, reason: 'found again' })
        .expect(422);
      expect(refused.body).toMatchObject({ error: 'source_erased' });
      expect(refused.body.message).toContain(sources[1].id);
      expect(await tracker.eventCount()).toBe(before);
      const [key]: { key: Buffer | null }[] = await tracker.readModels.query('SELECT key FROM secrets.source_keys WHERE incident_id = $1 AND source_id = $2', [id, sources[1].id]);
      expect(key.key).toBeNull();
    });

    it('keeps the erased placeholder when the whole form is sent back with one change, and the incident stays readable', async () => {
      const { id, sources, version } = await reportWithTwoSources();
      // What a form sends when it resends every source as it reads them, erased flag left out.
      const placeholder = { ...sources[1], reference: '[erased]' };
      const amended = await http
        .patch(`/api/incidents/${id}`)
        .send({ expectedVersion: version, changes: { harm: { killed: 9, injured: 20, abducted: 0 }, sources: [sources[0], placeholder] }, reason: 'toll revised' })
        .expect(200);
      const history = await http.get(`/api/incidents/${id}/history`).expect(200);
      expect(history.body.events.at(-1).data.changes).toEqual({ harm: { killed: 9, injured: 20, abducted: 0 } });
      await http.get(`/api/incidents/${id}/diff`).query({ from: '2000-01-01T00:00:00Z' }).expect(200);
      const record = await http.get(`/api/incidents/${id}`).query({ minPosition: amended.body.position }).expect(200);
      expect(record.body.details.sources.map((s: { reference: string }) => s.reference)).toEqual(['NUPI Working Paper 853', '[erased]']);
      await http
        .patch(`/api/incidents/${id}`)
        .send({ expectedVersion: amended.body.version, changes: { description: 'Clashes at the governorate.' }, reason: 'shorter' })
        .expect(200);
    });

    it('reads a reference its key cannot open as erased, without failing the incident, other incidents, a verify or a rebuild', async () => {
      const { id, sources } = await reportWithTwoSources();
      const other = await http.post('/api/incidents').send(kidalReport()).expect(201);
      // A key that is not the one the reference was sealed with (as a re-made key would be).
      await tracker.readModels.query(`UPDATE secrets.source_keys SET key = decode(md5(random()::text) || md5(random()::text), 'hex') WHERE incident_id = $1 AND source_id = $2`, [id, sources[0].id]);

      const history = await http.get(`/api/incidents/${id}/history`).expect(200);
      expect(history.body.events[0].data.sources.map((s: { reference: string }) => s.reference)).toEqual(['[erased]', '[erased]']);
      await http.get(`/api/incidents/${id}/diff`).query({ from: '2000-01-01T00:00:00Z' }).expect(200);
      await http.get(`/api/incidents/${other.body.id}`).query({ minPosition: other.body.position }).expect(200);

      // The verification runs to its end (the live rows, built while the key opened, now differ).
      for (const projection of PROJECTIONS) await expect(verifyProjection(tracker.store, tracker.readModels, projection)).resolves.toHaveProperty('ok');
      for (const projection of PROJECTIONS) await rebuildProjection(tracker.store, tracker.readModels, projection);
      await http.get(`/api/incidents/${other.body.id}`).expect(200);
    });
  });
});
