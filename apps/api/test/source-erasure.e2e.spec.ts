import { migrateReadModels, readModelDataSource, runProjection } from '#read-models';
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
    expect(row.record.details.sources.map((s) => s.reference)).toEqual(['NUPI Working Paper 853', '[erased]']);
    expect(await wholeDatabaseText(rebuilt)).not.toContain(MARKER);
    expect(await wholeDatabaseText(tracker.readModels)).not.toContain(MARKER);
    await rebuilt.destroy();
  });

  it('answers 404 for an unknown source and 422 for one already erased', async () => {
    const created = await http.post('/api/incidents').send(kidalReport()).expect(201);
    await http.post(`/api/incidents/${created.body.id}/sources/nope/erasure`).expect(404);
    const history = await http.get(`/api/incidents/${created.body.id}/history`).expect(200);
    const sourceId = history.body.events[0].data.sources[0].id;
    await http.post(`/api/incidents/${created.body.id}/sources/${sourceId}/erasure`).expect(200);
    const again = await http.post(`/api/incidents/${created.body.id}/sources/${sourceId}/erasure`).expect(422);
    expect(again.body.error).toBe('source_erased');
  });
});
