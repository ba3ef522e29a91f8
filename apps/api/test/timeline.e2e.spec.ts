import { randomUUID } from 'node:crypto';
import { evolveIncident, initialIncidentState, isIncidentEvent, type IncidentDetails, type IncidentState } from '#domain';
import type { NewEvent } from '#event-store';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { seededRandom, type SeededRandom } from '../../../test/seeded-random.js';

interface Entry {
  id: string;
  incidentId: string;
  kind: string;
  recordedAt: string;
  summary: { code: string; params: Record<string, unknown>; text: string };
  fatalities: number;
  actors: { actorId: string; role: string }[];
  status: string;
  verification: string;
  incidentVersion: number;
  changedSince?: string[];
}

/** `6b081762 reported 2014-05-16T21:30`: enough to read a list of entries at a glance. */
const line = (e: Entry) => `${e.incidentId.slice(0, 8)} ${e.kind} ${e.recordedAt.slice(0, 16)}`;

// The May 2014 Kidal sequence of the demo set (data/demo-incidents.json, and the findings of
// data/demo-reviews.json): 9 incidents that occurred 16–23 May, in occurred order (then first
// report), each with its entries in recorded order.
const KIDAL_WINDOW = [
  '6b081762 reported 2014-05-16T21:30',
  '6b081762 amended 2014-05-20T11:15',
  '6b081762 verification_changed 2014-05-29T10:00',
  '6b081762 finding 2014-06-05T10:00',
  '6b081762 verification_changed 2014-06-25T10:00',
  '6b081762 finding 2014-07-10T10:00',
  '48c97772 reported 2014-05-17T10:45',
  '48c97772 verification_changed 2014-05-17T16:00',
  '48c97772 amended 2014-05-18T09:00',
  '48c97772 verification_changed 2014-05-19T09:00',
  '0c579efc reported 2014-05-17T19:40',
  '0c579efc amended 2014-05-20T15:30',
  '0c579efc amended 2014-05-22T10:00',
  '0c579efc verification_changed 2014-05-26T09:00',
  '0c579efc finding 2014-06-20T10:00',
  '0c579efc verification_changed 2014-06-30T09:00',
  'd8c0dff5 reported 2014-05-18T07:50',
  'd8c0dff5 retracted 2014-05-22T09:30',
  '6c5ec01d reported 2014-05-18T20:15',
  '6c5ec01d amended 2014-05-21T12:00',
  '6c5ec01d verification_changed 2014-05-30T10:00',
  'c86f42a8 reported 2014-05-19T06:40',
  'c86f42a8 retracted 2014-05-21T17:00',
  'd07036e6 reported 2014-05-20T19:00',
  'd07036e6 verification_changed 2014-06-02T10:00',
  'd07036e6 finding 2014-06-15T10:00',
  '538f0f35 reported 2014-05-21T18:30',
  '538f0f35 amended 2014-05-22T08:45',
  '538f0f35 amended 2014-05-24T10:00',
  '538f0f35 verification_changed 2014-05-27T09:00',
  '538f0f35 verification_changed 2014-07-15T09:00',
  '538f0f35 finding 2014-07-20T10:00',
  '752ced58 reported 2014-05-23T20:00',
  '752ced58 verification_changed 2014-05-24T12:00',
  '752ced58 verification_changed 2014-06-10T12:00',
];
const GOVERNORATE = '0c579efc-3862-45ed-a774-05c077abd6d0';

describe('Timeline over HTTP (the May 2014 Kidal demo)', () => {
  let tracker: TestTracker;
  let http: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker({ demoData: true });
    http = await tracker.client(['reviewer', 'admin'], 'operator');
    // Every read model, not only the timeline: the tests read the incidents list too.
    await tracker.caughtUp();
  }, 120_000);
  afterAll(() => tracker.close());

  const timeline = async (query: Record<string, string | number>) => {
    const response = await http.get('/api/timeline').query(query);
    expect(response.status).toBe(200);
    return response.body as { window: { from: string; to: string }; asOf: string | null; entries: Entry[]; nextCursor?: string };
  };

  it('returns exactly the entries of the window around 2014-05-17, in order', async () => {
    const body = await timeline({ around: '2014-05-17', before: 'P7D', after: 'P7D' });
    expect(body.window).toEqual({ from: '2014-05-10T00:00:00.000Z', to: '2014-05-25T00:00:00.000Z' });
    expect(body.entries.map(line)).toEqual(KIDAL_WINDOW);
    expect(body.nextCursor).toBeUndefined();
    // before/after default to 7 days
    expect((await timeline({ around: '2014-05-17' })).entries.map(line)).toEqual(KIDAL_WINDOW);
  });

  it('puts each entry into words, from codes the web can translate', async () => {
    const { entries } = await timeline({ around: '2014-05-17' });
    const of = (prefix: string, kind: string) => entries.filter((e) => e.incidentId.startsWith(prefix) && e.kind === kind);
    expect(of('0c579efc', 'reported')[0].summary).toMatchObject({
      code: 'incident.reported',
      params: { type: 'battles', subType: 'armed_clash', place: 'Kidal', killed: 8 },
      text: 'Reported: armed clash in Kidal — Unidentified armed group against FAMa, GMS; 8 killed',
    });
    expect(of('0c579efc', 'amended')[0].summary.text).toMatch(/^Amended: killed 8 → 36; description revised; sources revised \(2 → 3\)\. Reason: Casualty count revised/);
    expect(of('0c579efc', 'amended')[1].summary.params.changes).toEqual([
      {
        field: 'actors',
        before: [
          { actorId: 'unidentified-armed-group', role: 'perpetrator' },
          { actorId: 'fama', role: 'target' },
          { actorId: 'gms', role: 'target' },
        ],
        after: [
          { actorId: 'mnla', role: 'perpetrator' },
          { actorId: 'fama', role: 'target' },
          { actorId: 'gms', role: 'target' },
        ],
      },
      { field: 'description' },
    ]);
    expect(of('c86f42a8', 'retracted')[0].summary.text).toMatch(/^Retracted as a false report — The camp was not hit/);
    expect(of('d8c0dff5', 'retracted')[0].summary.text).toMatch(/^Retracted as a duplicate of incident 0c579efc — Same event/);
    expect(of('752ced58', 'verification_changed')[0].summary.text).toBe('Verification: reported → corroborated — Announced publicly by the parties and the mediator.');
    // Where and who are today's record, for the map; the entry keeps what it said then.
    const report = of('0c579efc', 'reported')[0] as Entry & { asRecorded: { actors: string[] } };
    expect(report).toMatchObject({ fatalities: 36, status: 'active', verification: 'verified' });
    expect(report.asRecorded.actors).toEqual(['unidentified-armed-group', 'fama', 'gms']);
  });

  it('as known on 2014-05-19: later reports absent, later amendments and retractions not yet made', async () => {
    const body = await timeline({ around: '2014-05-17', asOf: '2014-05-19' });
    expect(body.asOf).toBe('2014-05-19T23:59:59.999Z');
    expect(body.entries.map(line)).toEqual(KIDAL_WINDOW.filter((l) => l.slice(-16) <= '2014-05-19T23:59'));
    const governorate = body.entries.find((e) => e.incidentId === GOVERNORATE)!;
    expect(governorate).toMatchObject({ fatalities: 8, verification: 'reported', incidentVersion: 1 });
    expect(governorate.actors.map((a) => a.actorId)).toEqual(['unidentified-armed-group', 'fama', 'gms']);
    expect(governorate.changedSince).toEqual(expect.arrayContaining(['verification', 'actors', 'harm.killed', 'description', 'sources']));
    const camp = body.entries.find((e) => e.incidentId.startsWith('c86f42a8'))!;
    expect(camp).toMatchObject({ status: 'active' });
    expect(camp.changedSince).toContain('status');
  });

  it('filters as the map does, on the record as known at the moment', async () => {
    const mnla = await timeline({ around: '2014-05-17', actor: 'mnla' });
    expect([...new Set(mnla.entries.map((e) => e.incidentId.slice(0, 8)))]).toEqual(['6b081762', '0c579efc', '6c5ec01d', 'd07036e6', '538f0f35', '752ced58']);
    // On 19 May every clash in Kidal was still attributed to an unidentified armed group.
    expect((await timeline({ around: '2014-05-17', actor: 'mnla', asOf: '2014-05-19' })).entries).toEqual([]);
    const retracted = await timeline({ around: '2014-05-17', status: 'retracted' });
    expect([...new Set(retracted.entries.map((e) => e.incidentId.slice(0, 8)))]).toEqual(['d8c0dff5', 'c86f42a8']);
    expect((await timeline({ around: '2014-05-17', bbox: '-1,14,0,16' })).entries).toEqual([]);
    const agreements = await timeline({ from: '2014-05-01', to: '2014-05-31', type: 'strategic_developments' });
    expect([...new Set(agreements.entries.map((e) => e.incidentId.slice(0, 8)))]).toEqual(['48c97772', '752ced58']);
  });

  it('anchors on an incident at its occurred time', async () => {
    const body = await timeline({ around: GOVERNORATE, before: 'P1D', after: 'P0D' });
    expect(body.window).toEqual({ from: '2014-05-16T00:00:00.000Z', to: '2014-05-18T00:00:00.000Z' });
    expect([...new Set(body.entries.map((e) => e.incidentId.slice(0, 8)))]).toEqual(['6b081762', '48c97772', '0c579efc', 'd8c0dff5']);
  });

  it('pages by whole incidents', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const body = await timeline({ around: '2014-05-17', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(new Set(body.entries.map((e) => e.incidentId)).size).toBeLessThanOrEqual(2);
      seen.push(...body.entries.map(line));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(KIDAL_WINDOW);
  });

  it('GET /api/incidents?asOf= gives the old value before an amendment and the new one after', async () => {
    const fatalities = async (asOf: string) => {
      const response = await http.get('/api/incidents').query({ asOf, bbox: '1,18,2,19', from: '2014-05-17', to: '2014-05-17' });
      expect(response.status).toBe(200);
      return response.body.features.find((f: { id: string }) => f.id === GOVERNORATE)?.properties.fatalities;
    };
    expect(await fatalities('2014-05-17T19:39:59.999Z')).toBeUndefined();
    expect(await fatalities('2014-05-17T19:40:00.000Z')).toBe(8);
    expect(await fatalities('2014-05-20T15:29:59.999Z')).toBe(8);
    expect(await fatalities('2014-05-20T15:30:00.000Z')).toBe(36);
    expect(await fatalities('2014-05-19')).toBe(8);

    const asKnown = await http.get('/api/incidents').query({ asOf: '2014-05-19', from: '2014-05-10', to: '2014-05-24' });
    expect(asKnown.body.features.map((f: { id: string }) => f.id.slice(0, 8)).sort()).toEqual(
      ['6b081762', '48c97772', '0c579efc', 'd8c0dff5', '6c5ec01d', 'c86f42a8'].sort(),
    );
    expect(asKnown.body.features.every((f: { properties: { status: string } }) => f.properties.status === 'active')).toBe(true);
    const today = await http.get('/api/incidents').query({ from: '2014-05-10', to: '2014-05-24', status: 'retracted' });
    expect(today.body.features).toHaveLength(2);
  });

  it('diffs the record of an incident between two recorded times', async () => {
    const response = await http.get(`/api/incidents/${GOVERNORATE}/diff`).query({ from: '2014-05-19', to: '2014-05-23' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: GOVERNORATE,
      from: '2014-05-19T23:59:59.999Z',
      to: '2014-05-23T23:59:59.999Z',
      before: { version: 1, verification: 'reported', details: { harm: { killed: 8 } } },
      after: { version: 3, verification: 'reported', details: { harm: { killed: 36 } } },
    });
    expect(response.body.changes.map((c: { field: string }) => c.field)).toEqual(['actors', 'harm.killed', 'description', 'sources']);
    expect(response.body.changes[1]).toEqual({ field: 'harm.killed', before: 8, after: 36 });
    expect(response.body.events.map((e: { type: string; recordedBy: string }) => `${e.type} ${e.recordedBy}`)).toEqual([
      'IncidentAmended monitor-kidal',
      'IncidentAmended jmc-reviewer',
    ]);
    const fromNothing = await http.get(`/api/incidents/${GOVERNORATE}/diff`).query({ from: '2014-05-01' });
    expect(fromNothing.body.before).toBeNull();
    expect(fromNothing.body.after).toMatchObject({ version: 5, verification: 'verified' });
    expect(fromNothing.body.events).toHaveLength(5);
  });

  it('refuses what it cannot read, naming the field', async () => {
    const bad = async (path: string, query: Record<string, string>, field: string, status = 400) => {
      const response = await http.get(path).query(query);
      expect(response.status).toBe(status);
      if (status === 400) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad('/api/timeline', { around: '2014-05-17', before: '7 days' }, 'before');
    await bad('/api/timeline', { around: '2014-05-17', after: 'P-1D' }, 'after');
    await bad('/api/timeline', { around: 'yesterday' }, 'around');
    await bad('/api/timeline', { around: '2014-05-17', from: '2014-05-01' }, 'around');
    await bad('/api/timeline', { before: 'P1D' }, 'around');
    await bad('/api/timeline', { around: '2014-05-17', asOf: 'last week' }, 'asOf');
    await bad('/api/timeline', { cursor: 'bm9uc2Vuc2U' }, 'cursor');
    await bad('/api/timeline', { around: randomUUID() }, 'around', 404);
    await bad('/api/incidents', { asOf: '19 May' }, 'asOf');
    await bad(`/api/incidents/${GOVERNORATE}/diff`, {}, 'from');
    await bad(`/api/incidents/${GOVERNORATE}/diff`, { from: '2014-05-23', to: '2014-05-19' }, 'to');
    await bad(`/api/incidents/${randomUUID()}/diff`, { from: '2014-05-19' }, 'id', 404);
  });

  it('shows the findings of violation reviews at their incident, once recorded', async () => {
    const findings = (body: { entries: Entry[] }) => body.entries.filter((e) => e.kind === 'finding');
    const now = await timeline({ around: '2014-05-17' });
    expect(findings(now).map((e) => e.summary.text)).toEqual([
      'Finding: inconclusive (Ouagadougou preliminary agreement) — Who opened fire could not be established from the accounts available.',
      'Finding: violation of Ouagadougou preliminary agreement by MNLA — On the new evidence, MNLA fighters opened fire on army positions.',
      expect.stringMatching(/^Finding: violation of Ouagadougou preliminary agreement by MNLA — MNLA forces, supported by other groups/),
      'Finding: no violation of Ouagadougou preliminary agreement — No attack by the army on MNLA positions could be established for that day.',
      expect.stringMatching(/^Finding: violation of Ouagadougou preliminary agreement by MNLA — The MNLA is held responsible/),
    ]);
    expect(findings(now)[2]).toMatchObject({
      incidentId: GOVERNORATE,
      recordedBy: 'ctms-chair',
      summary: { code: 'review.finding_recorded', params: { outcome: 'violation', agreementId: 'ouagadougou-2013', responsibleParties: ['mnla'] } },
    });
    expect(findings(await timeline({ around: '2014-05-17', asOf: '2014-06-19' })).map(line)).toEqual(['6b081762 finding 2014-06-05T10:00', 'd07036e6 finding 2014-06-15T10:00']);
    expect(findings(await timeline({ around: '2014-05-17', asOf: '2014-06-20' })).map(line)).toEqual([
      '6b081762 finding 2014-06-05T10:00',
      '0c579efc finding 2014-06-20T10:00',
      'd07036e6 finding 2014-06-15T10:00',
    ]);
  });

  it('takes review events as they come: the finding may name its incident itself', async () => {
    const reviewId = randomUUID();
    const incidentId = (await timeline({ around: '2014-05-17' })).entries.find((e) => e.incidentId.startsWith('c86f42a8'))!.incidentId;
    const event = (type: string, data: NewEvent['data']): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId: 'jmc-chair' } });
    await tracker.store.append(
      `review-${reviewId}`,
      [event('FindingRecorded', { incidentId, outcome: 'no_violation', responsibleParties: [{ actorId: 'fama' }], provisions: [], note: 'No impact.' })],
      { expected: 'no_stream', recordedAt: new Date('2014-05-23T09:00:00Z') },
    );
    await tracker.caughtUp();
    const camp = (await timeline({ around: '2014-05-17' })).entries.filter((e) => e.incidentId === incidentId);
    expect(camp.map((e) => e.kind)).toEqual(['reported', 'retracted', 'finding']);
    expect(camp[2].summary.text).toBe('Finding: no violation — No impact.');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: at any moment, `asOf` answers what folding the events recorded by then gives.


const SEED = Number(process.env.TIMELINE_PROPERTY_SEED ?? 20140517);
const HOUR = 3_600_000;
const START = Date.parse('2014-01-01T00:00:00Z');

function scenario(seed: number, incidents: number) {
  const r = seededRandom(seed);
  const places = [
    { place: 'Kidal', admin1: 'Kidal', lat: 18.4411, lon: 1.4078 },
    { place: 'Aguelhok', admin1: 'Kidal', lat: 19.4614, lon: 0.8586 },
    { place: 'Gao', admin1: 'Gao', lat: 16.2666, lon: -0.0447 },
    { place: 'Tombouctou', admin1: 'Tombouctou', lat: 16.7666, lon: -3.0026 },
  ];
  const actors = ['mnla', 'hcua', 'fama', 'gatia', 'unidentified-armed-group'];
  const levels = ['reported', 'corroborated', 'verified', 'disputed'] as const;
  const steps: { streamId: string; event: NewEvent; recordedAt: Date }[] = [];
  for (let n = 0; n < incidents; n++) {
    const incidentId = randomUUID();
    const streamId = `incident-${incidentId}`;
    // Coarse times (whole hours on a few days) so that moments often fall on a recording time.
    let at = START + r.int(0, 20 * 24) * HOUR;
    const details: IncidentDetails = {
      occurredAt: new Date(at - r.int(0, 72) * HOUR).toISOString().slice(0, 10),
      timePrecision: 'day',
      location: { ...r.pick(places), precision: 'exact' },
      type: 'battles',
      subType: 'armed_clash',
      targets: ['state_forces'],
      actors: [
        { actorId: r.pick(actors), role: 'perpetrator' },
        { actorId: 'fama', role: 'target' },
      ],
      harm: { killed: r.int(0, 20), injured: r.int(0, 20), abducted: 0 },
      description: `incident ${n}`,
      sources: [],
    };
    const events: NewEvent[] = [{ id: randomUUID(), type: 'IncidentReported', data: { incidentId, ...details } as never, metadata: { userId: 'monitor' } }];
    let verification: (typeof levels)[number] = 'reported';
    for (let k = r.int(0, 5); k > 0; k--) {
      const roll = r.next();
      if (roll < 0.5) {
        const changes =
          r.next() < 0.4
            ? { harm: { killed: r.int(0, 40), injured: r.int(0, 20), abducted: r.int(0, 2) } }
            : r.next() < 0.5
              ? { actors: [{ actorId: r.pick(actors), role: 'perpetrator' }, { actorId: 'fama', role: 'target' }] }
              : r.next() < 0.5
                ? { occurredAt: new Date(at - r.int(0, 96) * HOUR).toISOString().slice(0, 10) }
                : { location: { ...r.pick(places), precision: 'near' } };
        events.push({ id: randomUUID(), type: 'IncidentAmended', data: { incidentId, changes, reason: 'follow-up' } as never, metadata: { userId: 'monitor' } });
      } else if (roll < 0.85) {
        const to = r.pick(levels.filter((l) => l !== verification));
        events.push({ id: randomUUID(), type: 'IncidentVerificationChanged', data: { incidentId, from: verification, to, note: 'checked' }, metadata: { userId: 'reviewer' } });
        verification = to;
      } else {
        events.push({ id: randomUUID(), type: 'IncidentRetracted', data: { incidentId, reason: 'false_report', note: 'not so' }, metadata: { userId: 'reviewer' } });
        break;
      }
    }
    for (const [i, event] of events.entries()) {
      if (i > 0) at += r.pick([0, 1, 1, 2, 5, 24, 48]) * HOUR;
      steps.push({ streamId, event, recordedAt: new Date(at) });
    }
  }
  return { steps, r };
}

describe('asOf property: the answer at a random moment is the fold of the events recorded by then', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let recordedTimes: number[];
  let r: SeededRandom;

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = await tracker.client(['reviewer', 'admin'], 'operator');
    const built = scenario(SEED, 60);
    r = built.r;
    // Appended in an order unrelated to recording times (streams stay in their own order).
    const byStream = new Map<string, typeof built.steps>();
    for (const step of built.steps) byStream.set(step.streamId, [...(byStream.get(step.streamId) ?? []), step]);
    const queues = [...byStream.values()];
    while (queues.some((q) => q.length)) {
      const queue = r.pick(queues.filter((q) => q.length));
      const step = queue.shift()!;
      await tracker.store.append(step.streamId, [step.event], { expected: 'any', recordedAt: step.recordedAt });
    }
    recordedTimes = [...new Set(built.steps.map((s) => s.recordedAt.getTime()))];
    await tracker.caughtUp();
  }, 120_000);
  afterAll(() => tracker.close());

  /** The expected answer, from the events themselves (`store.readStream`): fold those recorded by `asOf`. */
  async function folder() {
    const streams: string[] = (await tracker.readModels.query(`SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'incident-%'`)).map(
      (row: { stream_id: string }) => row.stream_id,
    );
    const recorded = await Promise.all(streams.map((streamId) => tracker.store.readStream(streamId)));
    return (asOf: Date) => {
      const known = new Map<string, { state: Exclude<IncidentState, { status: 'unreported' }>; version: number; entries: string[] }>();
      for (const stream of recorded) {
        const events = stream.filter((e) => e.recordedAt.getTime() <= asOf.getTime());
        let state = initialIncidentState();
        for (const event of events) if (isIncidentEvent(event)) state = evolveIncident(state, event);
        if (state.status !== 'unreported') {
          known.set(state.id, { state, version: events[events.length - 1].version, entries: events.map((e) => e.id) });
        }
      }
      return known;
    };
  }

  it(`agrees on 60 moments (seed ${SEED})`, async () => {
    const lastTime = Math.max(...recordedTimes);
    const moments = [
      ...Array.from({ length: 25 }, () => new Date(START + r.next() * (lastTime - START + 2 * 24 * HOUR))),
      // exactly on a recording time, and just before one
      ...Array.from({ length: 20 }, () => new Date(r.pick(recordedTimes))),
      ...Array.from({ length: 10 }, () => new Date(r.pick(recordedTimes) - 1)),
      new Date(START - 1),
      new Date(lastTime),
      new Date(lastTime + 1),
      new Date(Date.now()),
      new Date(Date.now() + 365 * 24 * HOUR),
    ];
    expect(moments).toHaveLength(60);
    const foldAt = await folder();
    for (const moment of moments) {
      const asOf = moment.toISOString();
      const expected = foldAt(moment);

      const list = await http.get('/api/incidents').query({ asOf, limit: 50000 });
      expect(list.status).toBe(200);
      const actual = new Map<string, { properties: Record<string, unknown>; geometry: { coordinates: number[] } }>(
        list.body.features.map((f: { id: string }) => [f.id, f]),
      );
      expect({ asOf, ids: [...actual.keys()].sort() }).toEqual({ asOf, ids: [...expected.keys()].sort() });
      for (const [id, { state, version }] of expected) {
        const feature = actual.get(id)!;
        const d = state.details;
        expect({ asOf, id, ...feature.properties, coordinates: feature.geometry.coordinates }).toMatchObject({
          asOf,
          id,
          status: state.status,
          verification: state.verification,
          version,
          fatalities: d.harm.killed,
          injured: d.harm.injured,
          occurredAt: d.occurredAt,
          place: d.location.place,
          geoPrecision: d.location.precision,
          actors: d.actors,
          coordinates: [d.location.lon, d.location.lat],
        });
      }

      const timeline = await http.get('/api/timeline').query({ asOf, from: '2013-12-01', to: '2014-03-01', limit: 5000 });
      expect(timeline.status).toBe(200);
      const entries = new Map<string, string[]>();
      for (const e of timeline.body.entries as Entry[]) entries.set(e.incidentId, [...(entries.get(e.incidentId) ?? []), e.id]);
      expect({ asOf, incidents: [...entries.keys()].sort() }).toEqual({ asOf, incidents: [...expected.keys()].sort() });
      for (const [id, { entries: ids }] of expected) expect({ asOf, id, entries: entries.get(id) }).toEqual({ asOf, id, entries: ids });
    }
  }, 180_000);
});
