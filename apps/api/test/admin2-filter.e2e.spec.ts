import { fileURLToPath } from 'node:url';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { runImport } from '#tracker';

const fixture = fileURLToPath(new URL('../../../libs/tracker/src/imports/fixtures/acled-mali-2014.csv', import.meta.url));

type Feature = { id: string; properties: { occurredAt: string; fatalities: number | null } };

/** Issue 16: the second-order region (admin2, as imports record it) filters every incident endpoint alike. */
describe('The admin2 filter on every incident endpoint', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  /** The list's answer for Tessalit: what every other endpoint must agree with. */
  let tessalit: Feature[];

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = await tracker.client('reviewer');
    const { lastPosition } = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file: fixture, userId: 'analyst-1' });
    // Once the incidents and the timeline hold the last imported record, every read below sees them all.
    expect((await http.get('/api/timeline?around=2014-05-17').query({ minPosition: lastPosition })).headers['x-read-model-behind']).toBeUndefined();
    const list = await http.get('/api/incidents').query({ minPosition: lastPosition, admin2: 'Tessalit', limit: 1000 });
    expect(list.status).toBe(200);
    tessalit = list.body.features;
  });
  afterAll(() => tracker.close());

  const ids = (list: { id: string }[]) => list.map((f) => f.id).sort();

  it('matches the recorded district in any case, alone or among others, and nothing for an unknown one', async () => {
    expect(tessalit).toHaveLength(3);
    const all = (await http.get('/api/incidents?limit=1000')).body.features as Feature[];
    expect(tessalit.length).toBeLessThan(all.length);
    expect(ids((await http.get('/api/incidents?admin2=TESSALIT')).body.features)).toEqual(ids(tessalit));
    const kidal = (await http.get('/api/incidents?admin2=kidal')).body.features as Feature[];
    expect(kidal.length).toBeGreaterThan(0);
    expect(ids((await http.get('/api/incidents?admin2=tessalit,Kidal')).body.features)).toEqual(ids([...tessalit, ...kidal]));
    expect((await http.get('/api/incidents?admin2=Mopti')).body.features).toEqual([]);
  });

  it('applies to the map, the exports, the timeline and the statistics, exactly as to the list', async () => {
    const map = await http.get('/api/incidents/map?admin2=tessalit');
    expect(map.body.incidents.map((i: unknown[]) => i[0]).sort()).toEqual(ids(tessalit));
    const csv = await http.get('/api/incidents/export?format=csv&admin2=tessalit');
    expect(csv.text.trim().split('\n')).toHaveLength(1 + tessalit.length);
    const geojson = await http.get('/api/incidents/export?format=geojson&admin2=Tessalit');
    expect(ids(JSON.parse(geojson.text).features)).toEqual(ids(tessalit));
    const dates = tessalit.map((f) => f.properties.occurredAt.slice(0, 10)).sort();
    const timeline = await http.get('/api/timeline').query({ from: dates[0], to: dates.at(-1), admin2: 'tessalit' });
    expect(timeline.status).toBe(200);
    expect([...new Set(timeline.body.entries.map((e: { incidentId: string }) => e.incidentId))].sort()).toEqual(ids(tessalit));
    const stats = await http.get('/api/stats?admin2=tessalit&groupBy=admin1');
    expect(stats.body.total.incidents).toBe(tessalit.length);
    expect(stats.body.total.killed).toBe(tessalit.reduce((sum, f) => sum + (f.properties.fatalities ?? 0), 0));
    expect(stats.body.groups.map((g: { admin1: string }) => g.admin1)).toEqual(['Kidal']);
  });

  it('refuses an over-long name with a 400 naming the field', async () => {
    const response = await http.get(`/api/incidents?admin2=${'x'.repeat(1000)}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('admin2');
  });
});
