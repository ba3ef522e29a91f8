import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { ACLED_COLUMNS, UCDP_COLUMNS, type IncidentDetails } from '#domain';
import { eventually } from '../../../test/eventually.js';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { importedIncidentId, runImport } from '#tracker';

const fixtures = fileURLToPath(new URL('../../../libs/tracker/src/imports/fixtures/', import.meta.url));
const MARKER = 'CONFIDENTIAL-EXPORT-MARKER-51c2';
/** The first snapshot's rows are recorded at ACLED's time for them (19 May 2014), the newer one's amendments on 18 June. */
const BETWEEN_IMPORTS = '2014-06-01';

/** The active incidents' records as the API answers them (sources opened: the read models keep them sealed). */
const recordsOf = async (tracker: TestTracker): Promise<Map<string, IncidentDetails>> => {
  const rows: { id: string }[] = await tracker.readModels.query(`SELECT id FROM incidents WHERE status = 'active' ORDER BY id`);
  const admin = await tracker.client('admin');
  return new Map(await Promise.all(rows.map(async ({ id }): Promise<[string, IncidentDetails]> => [id, (await admin.get(`/api/incidents/${id}`).expect(200)).body.details])));
};

describe('Exports: ACLED layout with HXL, UCDP-like, GeoJSON; the round trip', () => {
  let tracker: TestTracker;
  let reviewer: SignedClient;
  let last: string;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'exports-'));
    tracker = await startTestTracker();
    const first = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file: join(fixtures, 'acled-mali-2014.csv'), userId: 'analyst-1' });
    // The newer snapshot amends some rows and no longer has others.
    const second = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file: join(fixtures, 'acled-mali-2014-v2.csv'), userId: 'analyst-1', retractMissing: true });
    last = second.lastPosition ?? first.lastPosition!;
    reviewer = await tracker.client('reviewer');
    await tracker.registerActors(['mnla', 'fama']);
    const body = kidalReport();
    body.sources = [...body.sources, { kind: 'local_contact', reference: MARKER, reliability: 'unconfirmed', confidential: true }];
    const reported = await reviewer.post('/api/incidents').send(body).expect(201);
    last = reported.body.position;
  });
  afterAll(async () => {
    await tracker?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('exports ACLED CSV that imports into an empty tracker as the same incidents, field for field', async () => {
    const exported = await reviewer.get('/api/incidents/export').query({ format: 'acled', external: 'acled:MLI858,acled:MLI859', minPosition: last }).expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain('incidents-acled.csv');
    const all = await reviewer.get('/api/incidents/export').query({ format: 'acled', minPosition: last }).expect(200);
    const rows = parse(all.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...ACLED_COLUMNS]);
    const file = join(directory, 'exported.csv');
    // The dataset's incidents only: the monitor's report has no ACLED id to come back under.
    await writeFile(file, all.text.split('\n').filter((line) => !line.includes('Prime Minister’s visit')).join('\n'));

    const original = await recordsOf(tracker);
    const empty = await startTestTracker();
    try {
      const summary = await runImport(empty.store, empty.readModels, { dataset: 'acled', file, userId: 'analyst-2' });
      expect(summary).toMatchObject({ rejected: 0, amended: 0 });
      await eventually('the re-imported incidents are projected', async () => (await recordsOf(empty)).size === summary.new);
      const copy = await recordsOf(empty);
      const fromAcled = [...original].filter(([, details]) => details.externalRefs?.length);
      expect(fromAcled.length).toBeGreaterThan(20);
      expect(copy.size).toBe(fromAcled.length);
      for (const [id, details] of fromAcled) expect({ id, details: copy.get(id) }).toEqual({ id, details });
      // The ids are the dataset's: MLI858 is the same incident in both trackers.
      expect(copy.has(importedIncidentId('acled', 'MLI858'))).toBe(true);
    } finally {
      await empty.close();
    }
  });

  it("adds a row of HXL hashtags under ACLED's header when asked", async () => {
    const exported = await reviewer.get('/api/incidents/export').query({ format: 'acled', hxl: 'true', external: 'acled:MLI858' }).expect(200);
    const [header, hashtags, ...rows] = parse(exported.text) as string[][];
    expect(header).toEqual([...ACLED_COLUMNS]);
    const tag = (column: string) => hashtags[header.indexOf(column)];
    expect([tag('event_id_cnty'), tag('event_date'), tag('admin1'), tag('latitude'), tag('fatalities'), tag('notes')]).toEqual(['#event+id', '#date', '#adm1+name', '#geo+lat', '#affected+killed', '']);
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toBe('MLI858');
    // The hashtag row is read past when the file comes back: the one record is unchanged.
    const file = join(directory, 'hxl.csv');
    await writeFile(file, exported.text);
    const summary = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file, userId: 'analyst-1' });
    expect(summary).toMatchObject({ read: 1, unchanged: 1, rejected: 0 });
    expect((await reviewer.get('/api/incidents/export').query({ format: 'acled', hxl: 'maybe' })).status).toBe(400);
  });

  it('exports a UCDP-like CSV and GeoJSON following the filters, and every layout as known at asOf', async () => {
    const ucdp = await reviewer.get('/api/incidents/export').query({ format: 'ucdp', external: 'acled:MLI858' }).expect(200);
    const [row] = parse(ucdp.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(row)).toEqual([...UCDP_COLUMNS]);
    expect(row).toMatchObject({ id: importedIncidentId('acled', 'MLI858'), date_start: '2014-05-17', adm_1: 'Kidal', best: '9' });

    const now = await reviewer.get('/api/incidents/export').query({ format: 'acled', external: 'acled:MLI858' }).expect(200);
    const then = await reviewer.get('/api/incidents/export').query({ format: 'acled', external: 'acled:MLI858', asOf: BETWEEN_IMPORTS }).expect(200);
    expect((parse(now.text, { columns: true }) as Record<string, string>[])[0].fatalities).toBe('9');
    expect((parse(then.text, { columns: true }) as Record<string, string>[])[0].fatalities).toBe('8');

    const geojson = await reviewer.get('/api/incidents/export').query({ format: 'geojson', admin1: 'Kidal', minPosition: last }).expect(200);
    const features = JSON.parse(geojson.text).features as { id: string }[];
    const listed = await reviewer.get('/api/incidents').query({ admin1: 'Kidal', limit: 5000 }).expect(200);
    expect(features.map((f) => f.id)).toEqual(listed.body.features.map((f: { id: string }) => f.id));
    expect(features.length).toBeGreaterThan(10);
  });

  it('leaves confidential sources out of every layout, and retracted incidents out of the dataset layouts', async () => {
    for (const format of ['csv', 'acled', 'ucdp', 'geojson']) {
      const exported = await reviewer.get('/api/incidents/export').query({ format, minPosition: last }).expect(200);
      expect({ format, leaked: exported.text.includes(MARKER) }).toEqual({ format, leaked: false });
    }
    const retracted = await reviewer.get('/api/incidents').query({ status: 'retracted', limit: 100 }).expect(200);
    expect(retracted.body.features.length).toBeGreaterThan(0);
    const acled = await reviewer.get('/api/incidents/export').query({ format: 'acled', status: 'retracted' }).expect(200);
    expect(parse(acled.text, { columns: true })).toEqual([]);
    expect(acled.text.trim()).toBe(ACLED_COLUMNS.join(','));
  });

  it('sends every incident once across the batches it reads (a thousand at a time), ties on the day included', async () => {
    const [header, first] = (await readFile(join(fixtures, 'acled-mali-2014.csv'), 'utf8')).split('\n');
    const many = join(directory, 'many.csv');
    await writeFile(many, [header, ...Array.from({ length: 2_100 }, (_, n) => first.replace(/^MLI858,/, `BATCH${n},`))].join('\n'));
    const summary = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file: many, userId: 'analyst-1' });
    expect(summary.new).toBe(2_100);
    const acled = await reviewer.get('/api/incidents/export').query({ format: 'acled', from: '2014-05-17', to: '2014-05-17', minPosition: summary.lastPosition }).expect(200);
    const ids = (parse(acled.text, { columns: true }) as Record<string, string>[]).map((row) => row.event_id_cnty);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('BATCH'))).toHaveLength(2_100);
    const geojson = JSON.parse((await reviewer.get('/api/incidents/export').query({ format: 'geojson', from: '2014-05-17', to: '2014-05-17' }).expect(200)).text);
    // No incident of that day is retracted: the GeoJSON has the same incidents, each once.
    expect(new Set(geojson.features.map((f: { id: string }) => f.id)).size).toBe(ids.length);
    expect(geojson.features).toHaveLength(ids.length);
  }, 120_000);
});
