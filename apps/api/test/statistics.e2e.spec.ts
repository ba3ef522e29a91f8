import { INCIDENT_TYPES, TARGETS } from '#domain';
import { kidalReport } from '../../../test/fixtures.js';
import { seededRandom } from '../../../test/seeded-random.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

interface Feature {
  properties: { occurredAt: string; admin1: string; type: string; subType: string; fatalities: number; injured: number; abducted: number; targets: string[]; actors: { actorId: string }[] };
}
interface Figures {
  incidents: number;
  killed: number;
  injured: number;
  abducted: number;
}
type Group = Record<string, string | number | null> & Figures;

const ACTORS = ['mnla', 'fama', 'mujao', 'minusma'];
const PLACES = [
  { admin1: 'Kidal', place: 'Kidal', lat: 18.44, lon: 1.41 },
  { admin1: 'Gao', place: 'Gao', lat: 16.27, lon: -0.04 },
  { admin1: 'Timbuktu', place: 'Timbuktu', lat: 16.77, lon: -3.01 },
];

describe('Statistics over HTTP: exactly what summing the list gives', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let beforeAmendments: string;
  /** The last write's position: every read waits for it, so the list and the statistics see the same record. */
  let lastWrite: string;

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(ACTORS);
    http = await tracker.client('reviewer');
    const monitor = await tracker.client('monitor');
    const random = seededRandom(16);
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) {
      const type = random.pick(Object.keys(INCIDENT_TYPES)) as keyof typeof INCIDENT_TYPES;
      const at = random.pick(PLACES);
      const day = new Date(Date.UTC(2013, 0, 1) + random.int(0, 3 * 365) * 86_400_000).toISOString().slice(0, 10);
      const actors = ACTORS.filter(() => random.next() < 0.4).map((actorId) => ({ actorId, role: 'party' }));
      const targets = TARGETS.filter(() => random.next() < 0.3);
      const response = await monitor.post('/api/incidents').send({
        ...kidalReport(),
        // A date-time late in the UTC day for some, so a period's edge is crossed by the offset.
        occurredAt: n % 5 === 0 ? `${day}T23:30:00+00:00` : day,
        location: { ...at, precision: 'exact' },
        type,
        subType: random.pick(INCIDENT_TYPES[type]),
        actors,
        targets,
        harm: { killed: random.int(0, 30), injured: random.int(0, 10), abducted: random.int(0, 3) },
      });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    beforeAmendments = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const id of ids.slice(0, 6)) {
      const amended = await http.patch(`/api/incidents/${id}`).send({ expectedVersion: 1, changes: { harm: { killed: 100, injured: 1, abducted: 1 }, location: { ...PLACES[0], precision: 'exact' } }, reason: 'new toll' });
      expect(amended.status).toBe(200);
    }
    for (const id of ids.slice(6, 10)) {
      const retracted = await http.post(`/api/incidents/${id}/retraction`).send({ expectedVersion: 1, reason: 'false_report', note: 'staged' });
      expect(retracted.status).toBe(200);
      lastWrite = retracted.body.position;
    }
  });
  afterAll(() => tracker.close());

  /** Every incident the list gives for these filters, in pages of 7. */
  async function listed(filters: Record<string, string>): Promise<Feature[]> {
    const features: Feature[] = [];
    let after: string | undefined;
    do {
      const response = await http.get('/api/incidents').query({ ...filters, limit: 7, minPosition: lastWrite, ...(after ? { after } : {}) });
      expect(response.status).toBe(200);
      features.push(...response.body.features);
      after = response.body.nextCursor;
    } while (after);
    return features;
  }

  const sum = (features: Feature[]): Figures => ({
    incidents: features.length,
    killed: features.reduce((s, f) => s + f.properties.fatalities, 0),
    injured: features.reduce((s, f) => s + f.properties.injured, 0),
    abducted: features.reduce((s, f) => s + f.properties.abducted, 0),
  });

  async function stats(query: Record<string, string>) {
    const response = await http.get('/api/stats').query({ ...query, minPosition: lastWrite });
    expect(response.status).toBe(200);
    return response.body as { groupBy: string[]; total: Figures; groups: Group[] };
  }

  const utc = (occurredAt: string) => new Date(occurredAt.length === 10 ? `${occurredAt}T00:00:00Z` : occurredAt).toISOString();
  const KEYS: Record<string, (f: Feature) => (string | null)[]> = {
    month: (f) => [utc(f.properties.occurredAt).slice(0, 7)],
    year: (f) => [utc(f.properties.occurredAt).slice(0, 4)],
    day: (f) => [utc(f.properties.occurredAt).slice(0, 10)],
    admin1: (f) => [f.properties.admin1],
    type: (f) => [f.properties.type],
    subType: (f) => [f.properties.subType],
    actor: (f) => (f.properties.actors.length ? [...new Set(f.properties.actors.map((a) => a.actorId))] : [null]),
    target: (f) => (f.properties.targets.length ? f.properties.targets : [null]),
  };

  /** The groups computed in the client from the list, as an analyst did before. */
  function grouped(features: Feature[], keys: string[]): Group[] {
    const groups = new Map<string, { key: (string | null)[]; features: Feature[] }>();
    for (const feature of features) {
      const combinations = keys.reduce<(string | null)[][]>((acc, key) => acc.flatMap((prefix) => KEYS[key](feature).map((v) => [...prefix, v])), [[]]);
      for (const key of combinations) {
        const id = JSON.stringify(key);
        if (!groups.has(id)) groups.set(id, { key, features: [] });
        groups.get(id)!.features.push(feature);
      }
    }
    return [...groups.values()].map(({ key, features: members }) => ({ ...Object.fromEntries(keys.map((k, n) => [k, key[n]])), ...sum(members) }));
  }
  const byKey = (groups: Group[], keys: string[]) => [...groups].sort((a, b) => JSON.stringify(keys.map((k) => a[k])).localeCompare(JSON.stringify(keys.map((k) => b[k]))));

  const CASES: [string, Record<string, string>][] = [
    ['no filter, by month', { groupBy: 'month' }],
    ['active only, by year and type', { groupBy: 'year,type', status: 'active' }],
    ['Kidal in 2014, by actor', { groupBy: 'actor', admin1: 'kidal', from: '2014-01-01', to: '2014-12-31' }],
    ['a box and two types, by admin1 and subType', { groupBy: 'admin1,subType', bbox: '-2,15,2,19', type: 'battles,riots' }],
    ['targets, by target and day', { groupBy: 'target,day', target: 'civilians,peacekeepers' }],
    ['an actor, retracted included, by month and admin1', { groupBy: 'month,admin1', actor: 'mnla' }],
    ['as known before the amendments, by admin1', { groupBy: 'admin1', asOf: 'BEFORE' }],
    ['as known before the amendments, active in Kidal, by type', { groupBy: 'type', asOf: 'BEFORE', admin1: 'Kidal', status: 'active' }],
  ];

  it.each(CASES)('%s', async (_name, query) => {
    const filters = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === 'BEFORE' ? beforeAmendments : v]));
    const { groupBy, ...listFilters } = filters;
    const features = await listed(listFilters);
    expect(features.length).toBeGreaterThan(0);
    const keys = groupBy.split(',');
    const answer = await stats(filters);
    expect(answer.total).toEqual(sum(features));
    expect(byKey(answer.groups, keys)).toEqual(byKey(grouped(features, keys), keys));
  });

  it('asOf counts the records as they were: the amendments and retractions are not yet there', async () => {
    const then = await stats({ groupBy: 'admin1', asOf: beforeAmendments, status: 'retracted' });
    expect(then.total.incidents).toBe(0);
    const now = await stats({ groupBy: 'admin1', status: 'retracted' });
    expect(now.total.incidents).toBe(4);
    const kidalNow = (await stats({ admin1: 'Kidal' })).total.killed;
    const kidalThen = (await stats({ admin1: 'Kidal', asOf: beforeAmendments })).total.killed;
    expect(kidalNow).toBeGreaterThan(kidalThen);
  });

  it('answers CSV with one line per group', async () => {
    const response = await http.get('/api/stats').query({ groupBy: 'year', status: 'active', format: 'csv', minPosition: lastWrite });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const json = await stats({ groupBy: 'year', status: 'active' });
    expect(response.text).toBe(['year,incidents,killed,injured,abducted', ...json.groups.map((g) => `${g.year},${g.incidents},${g.killed},${g.injured},${g.abducted}`), ''].join('\n'));
  });

  it.each([
    [{ groupBy: 'hour' }, 'groupBy'],
    [{ groupBy: 'month,type,admin1' }, 'groupBy'],
    [{ groupBy: 'month', asOf: 'yesterday' }, 'asOf'],
    [{ groupBy: 'month', format: 'xlsx' }, 'format'],
  ])('refuses %j naming %s', async (query, field) => {
    const response = await http.get('/api/stats').query({ ...query, minPosition: lastWrite });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });
});

describe('The admin1 filter on every incident endpoint', () => {
  let tracker: TestTracker;
  let http: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(ACTORS);
    http = await tracker.client('reviewer');
    const monitor = await tracker.client('monitor');
    let lastWrite = '';
    for (const at of PLACES) {
      const response = await monitor.post('/api/incidents').send({ ...kidalReport(), location: { ...at, precision: 'exact' } });
      expect(response.status).toBe(201);
      lastWrite = response.body.position;
    }
    // Once the incidents and the timeline hold the last report, every read below sees all three.
    expect((await http.get('/api/timeline?around=2014-05-17').query({ minPosition: lastWrite })).headers['x-read-model-behind']).toBeUndefined();
    expect((await http.get('/api/incidents').query({ minPosition: lastWrite })).headers['x-read-model-behind']).toBeUndefined();
  });
  afterAll(() => tracker.close());

  const places = (features: { properties: { admin1: string } }[]) => features.map((f) => f.properties.admin1).sort();

  it('matches the stored region in any case, once, repeated or comma-separated', async () => {
    expect(places((await http.get('/api/incidents?admin1=KIDAL')).body.features)).toEqual(['Kidal']);
    expect(places((await http.get('/api/incidents?admin1=kidal,gao')).body.features)).toEqual(['Gao', 'Kidal']);
    expect(places((await http.get('/api/incidents?admin1=Kidal&admin1=Timbuktu')).body.features)).toEqual(['Kidal', 'Timbuktu']);
    expect((await http.get('/api/incidents?admin1=Mopti')).body.features).toEqual([]);
  });

  it('applies to the map, the exports, the timeline and the statistics', async () => {
    const map = await http.get('/api/incidents/map?admin1=gao');
    expect(map.body.incidents.map((i: unknown[]) => i[6])).toEqual(['Gao']);
    const csv = await http.get('/api/incidents/export?format=csv&admin1=Gao,Kidal');
    expect(csv.text.trim().split('\n')).toHaveLength(3);
    const geojson = await http.get('/api/incidents/export?format=geojson&admin1=timbuktu');
    expect(places(JSON.parse(geojson.text).features)).toEqual(['Timbuktu']);
    const timeline = await http.get('/api/timeline?around=2014-05-17&admin1=Kidal');
    expect(timeline.status).toBe(200);
    expect(new Set(timeline.body.entries.map((e: { incidentId: string }) => e.incidentId)).size).toBe(1);
    expect((await http.get('/api/stats?admin1=Kidal,Gao')).body.total).toEqual({ incidents: 2, killed: 16, injured: 40, abducted: 0 });
  });
});
