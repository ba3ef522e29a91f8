import { migrateReadModels, readModelDataSource, runProjection } from '#read-models';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTrackerApp } from '../src/app.js';
import { PROJECTIONS } from '#tracker';
import { freshDatabaseUrl } from '../../../test/databases.js';
import { kidalReport } from '../../../test/fixtures.js';
import { TEST_PASSWORD, startTestTracker, testAuthSettings, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/**
 * A small scenario, every number of the by-group table checked by hand:
 * - alpha is in `north` throughout; bravo is in `north` until 2014-07-01, then in `south`;
 *   charlie is in no coalition and did not sign `pact`.
 * - under `pact` (in force from 2014-01-01; signed by gov, alpha, bravo):
 *   r1 i1 2014-03-10 (5 dead)  alleged alpha, bravo → violation by bravo
 *   r2 i2 2014-05-02 (3→6 dead) alleged bravo → inconclusive, reopened, violation by bravo; then the incident's dead amended to 6
 *   r7 i7 2014-06-20 (1 dead)  alleged alpha, bravo → violation by alpha and bravo
 *   r3 i3 2014-08-15 (7 dead)  alleged bravo → violation by bravo and charlie (non-signatory, with the reason)
 *   r4 i4 2014-09-01 (2 dead)  alleged alpha → no violation
 *   r5 i5 2014-10-10 (4 dead)  alleged alpha, charlie → open; then the incident is retracted (flagged, still counted)
 *   r6 i6 2014-11-20 (9 dead)  alleged bravo → inconclusive
 * - under `truce` (in force from 2014-06-01): t1 i3 alleged alpha → inconclusive; t2 i7 alleged charlie → open.
 */
const row = (group: string, groupKind: string, groupName: string, n: [number, number, number, number, number, number]) => ({
  group,
  groupKind,
  groupName,
  alleged: n[0],
  underReview: n[1],
  confirmed: n[2],
  dismissed: n[3],
  inconclusive: n[4],
  killedInConfirmed: n[5],
});

describe('Violations by group over HTTP', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let position = '';
  const incidents: Record<string, string> = {};
  const reviews: Record<string, string> = {};

  async function ok(call: PromiseLike<request.Response>, status = 200) {
    const response = await call;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    if (response.body?.position) position = response.body.position;
    return response.body;
  }

  const table = (query: Record<string, string>, app: Pick<SignedClient, 'get'> = http) => ok(app.get('/api/violations/by-group').query({ minPosition: position, ...query }));

  beforeAll(async () => {
    tracker = await startTestTracker();
    // The incidents below are the Kidal report, which names mnla and fama.
    await tracker.registerActors(['mnla', 'fama']);
    http = await tracker.client(['reviewer', 'admin'], 'operator');
    const actors: [string, string, string, number][] = [
      ['gov', 'Government', 'government', 1],
      ['alpha', 'Alpha', 'rebel_group', 2],
      ['bravo', 'Bravo', 'rebel_group', 2],
      ['charlie', 'Charlie', 'militia', 3],
    ];
    for (const [id, shortName, kind, inter] of actors) {
      await ok(http.post('/api/actors').send({ id, name: `${shortName} movement`, shortName, kind, inter }), 201);
    }
    await ok(http.post('/api/coalitions').send({ id: 'north', name: 'Northern coordination', shortName: 'North' }), 201);
    await ok(http.post('/api/coalitions').send({ id: 'south', name: 'Southern platform', shortName: 'South' }), 201);
    await ok(http.post('/api/coalitions/north/memberships').send({ expectedVersion: 1, actorId: 'alpha', from: '2014-01-01' }));
    await ok(http.post('/api/coalitions/north/memberships').send({ expectedVersion: 2, actorId: 'bravo', from: '2014-01-01' }));
    await ok(http.post('/api/coalitions/north/departures').send({ expectedVersion: 3, actorId: 'bravo', on: '2014-07-01' }));
    await ok(http.get('/api/coalitions').query({ minPosition: position }));
    await ok(http.post('/api/coalitions/south/memberships').send({ expectedVersion: 1, actorId: 'bravo', from: '2014-07-01' }));
    await ok(http.post('/api/agreements').send({ id: 'pact', name: 'Pact', signedOn: '2014-01-01', inForceFrom: '2014-01-01', parties: ['gov', 'alpha', 'bravo'] }), 201);
    await ok(http.post('/api/agreements').send({ id: 'truce', name: 'Truce', signedOn: '2014-06-01', inForceFrom: '2014-06-01', parties: ['gov', 'alpha', 'bravo', 'charlie'] }), 201);

    const days: Record<string, [string, number]> = {
      i1: ['2014-03-10', 5],
      i2: ['2014-05-02', 3],
      i3: ['2014-08-15', 7],
      i4: ['2014-09-01', 2],
      i5: ['2014-10-10', 4],
      i6: ['2014-11-20', 9],
      i7: ['2014-06-20', 1],
    };
    for (const [name, [occurredAt, killed]] of Object.entries(days)) {
      incidents[name] = (await ok(http.post('/api/incidents').send({ ...kidalReport(), occurredAt, harm: { killed, injured: 0, abducted: 0 } }), 201)).id;
    }

    const allege = async (name: string, incident: string, agreementId: string, allegedParties: string[]) => {
      reviews[name] = (await ok(http.post('/api/reviews').send({ incidentId: incidents[incident], agreementId, allegedBy: 'ctms', allegedParties }), 201)).id;
    };
    const find = (name: string, expectedVersion: number, outcome: string, responsibleParties: string[] = [], extra: object = {}) =>
      ok(
        http.post(`/api/reviews/${reviews[name]}/finding`).send({
          expectedVersion,
          outcome,
          responsibleParties,
          provisions: outcome === 'violation' ? ['art. 1'] : [],
          note: `${outcome} found`,
          ...extra,
        }),
      );
    await allege('r1', 'i1', 'pact', ['alpha', 'bravo']);
    await find('r1', 1, 'violation', ['bravo']);
    await allege('r2', 'i2', 'pact', ['bravo']);
    await find('r2', 1, 'inconclusive');
    await ok(http.post(`/api/reviews/${reviews.r2}/reopening`).send({ expectedVersion: 2, reason: 'new evidence' }));
    await find('r2', 3, 'violation', ['bravo']);
    await ok(http.patch(`/api/incidents/${incidents.i2}`).send({ expectedVersion: 1, changes: { harm: { killed: 6, injured: 0, abducted: 0 } }, reason: 'casualty list' }));
    await allege('r7', 'i7', 'pact', ['alpha', 'bravo']);
    await find('r7', 1, 'violation', ['alpha', 'bravo']);
    await allege('r3', 'i3', 'pact', ['bravo']);
    await find('r3', 1, 'violation', ['bravo', 'charlie'], { nonSignatoryReason: 'charlie fought under bravo’s command' });
    await allege('r4', 'i4', 'pact', ['alpha']);
    await find('r4', 1, 'no_violation');
    await allege('r5', 'i5', 'pact', ['alpha', 'charlie']);
    await ok(http.post(`/api/incidents/${incidents.i5}/retraction`).send({ expectedVersion: 1, reason: 'false_report', note: 'never happened' }));
    await allege('r6', 'i6', 'pact', ['bravo']);
    await find('r6', 1, 'inconclusive');
    await allege('t1', 'i3', 'truce', ['alpha']);
    await find('t1', 1, 'inconclusive');
    await allege('t2', 'i7', 'truce', ['charlie']);
  });
  afterAll(() => tracker.close());

  it('counts by actor, each review once per group', async () => {
    expect(await table({ agreement: 'pact', rollup: 'actor' })).toEqual({
      agreement: 'pact',
      from: null,
      to: null,
      rollup: 'actor',
      rows: [
        row('bravo', 'actor', 'Bravo', [5, 0, 4, 0, 1, 19]),
        row('alpha', 'actor', 'Alpha', [4, 1, 1, 2, 0, 1]),
        row('charlie', 'actor', 'Charlie', [1, 1, 1, 0, 0, 7]),
      ],
    });
    // The actor roll-up is the default.
    expect((await table({ agreement: 'pact' })).rows).toEqual((await table({ agreement: 'pact', rollup: 'actor' })).rows);
  });

  it('counts by coalition as of each incident’s day, a review once per coalition', async () => {
    expect((await table({ agreement: 'pact', rollup: 'coalition' })).rows).toEqual([
      row('north', 'coalition', 'North', [5, 1, 3, 1, 0, 12]),
      row('south', 'coalition', 'South', [2, 0, 1, 0, 1, 7]),
      row('charlie', 'actor', 'Charlie', [1, 1, 1, 0, 0, 7]),
    ]);
  });

  it('counts only the incidents of the period', async () => {
    const period = { agreement: 'pact', from: '2014-07-01', to: '2014-12-31' };
    expect((await table({ ...period, rollup: 'actor' })).rows).toEqual([
      row('bravo', 'actor', 'Bravo', [2, 0, 1, 0, 1, 7]),
      row('charlie', 'actor', 'Charlie', [1, 1, 1, 0, 0, 7]),
      row('alpha', 'actor', 'Alpha', [2, 1, 0, 1, 0, 0]),
    ]);
    expect((await table({ ...period, rollup: 'coalition' })).rows).toEqual([
      row('south', 'coalition', 'South', [2, 0, 1, 0, 1, 7]),
      row('charlie', 'actor', 'Charlie', [1, 1, 1, 0, 0, 7]),
      row('north', 'coalition', 'North', [2, 1, 0, 1, 0, 0]),
    ]);
    // Partial months at both ends (from the cells) around whole months (from the month totals).
    const ragged = { agreement: 'pact', from: '2014-05-02', to: '2014-09-01' };
    expect((await table({ ...ragged, rollup: 'actor' })).rows).toEqual([
      row('bravo', 'actor', 'Bravo', [3, 0, 3, 0, 0, 14]),
      row('alpha', 'actor', 'Alpha', [2, 0, 1, 1, 0, 1]),
      row('charlie', 'actor', 'Charlie', [0, 0, 1, 0, 0, 7]),
    ]);
    expect((await table({ ...ragged, rollup: 'coalition' })).rows).toEqual([
      row('north', 'coalition', 'North', [3, 0, 2, 1, 0, 7]),
      row('south', 'coalition', 'South', [1, 0, 1, 0, 0, 7]),
      row('charlie', 'actor', 'Charlie', [0, 0, 1, 0, 0, 7]),
    ]);
    expect((await table({ agreement: 'pact', from: '2014-09-02', to: '2014-09-30' })).rows).toEqual([]);
    // Both ends are included: the first day of bravo's membership of south, and r7's day.
    expect((await table({ agreement: 'pact', from: '2014-06-20', to: '2014-06-20', rollup: 'coalition' })).rows).toEqual([
      row('north', 'coalition', 'North', [1, 0, 1, 0, 0, 1]),
    ]);
  });

  it('keeps agreements apart, and counts every review without one', async () => {
    expect((await table({ agreement: 'truce' })).rows).toEqual([
      row('alpha', 'actor', 'Alpha', [1, 0, 0, 0, 1, 0]),
      row('charlie', 'actor', 'Charlie', [1, 1, 0, 0, 0, 0]),
    ]);
    expect((await table({ rollup: 'coalition' })).rows).toEqual([
      row('north', 'coalition', 'North', [6, 1, 3, 1, 1, 12]),
      row('south', 'coalition', 'South', [2, 0, 1, 0, 1, 7]),
      row('charlie', 'actor', 'Charlie', [2, 2, 1, 0, 0, 7]),
    ]);
  });

  it('serves the same table as CSV', async () => {
    const expected = [
      'group,group_kind,group_name,alleged,under_review,confirmed,dismissed,inconclusive,killed_in_confirmed',
      'north,coalition,North,5,1,3,1,0,12',
      'south,coalition,South,2,0,1,0,1,7',
      'charlie,actor,Charlie,1,1,1,0,0,7',
    ];
    const file = await http.get('/api/violations/by-group.csv').query({ agreement: 'pact', rollup: 'coalition', minPosition: position });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.text.trim().split('\n')).toEqual(expected);
    const negotiated = await http.get('/api/violations/by-group').set('Accept', 'text/csv').query({ agreement: 'pact', rollup: 'coalition' });
    expect(negotiated.headers['content-type']).toContain('text/csv');
    expect(negotiated.text).toBe(file.text);
  });

  it('drills down from a cell to its reviews and incidents', async () => {
    const north = await ok(http.get('/api/violations/by-group/cell').query({ minPosition: position, agreement: 'pact', rollup: 'coalition', group: 'north', column: 'confirmed' }));
    expect(north).toMatchObject({ group: 'north', groupKind: 'coalition', column: 'confirmed', incidentIds: [incidents.i1, incidents.i2, incidents.i7] });
    expect(north.reviews.map((r: { reviewId: string; parties: string[] }) => [r.reviewId, r.parties])).toEqual([
      [reviews.r1, ['alpha', 'bravo']],
      [reviews.r2, ['bravo']],
      [reviews.r7, ['alpha', 'bravo']],
    ]);
    expect(north.reviews[1]).toMatchObject({ status: 'decided', outcome: 'violation', incidentOccurredOn: '2014-05-02', incidentKilled: 6, responsibleParties: ['bravo'] });

    const killed = await ok(http.get('/api/violations/by-group/cell').query({ minPosition: position, agreement: 'pact', group: 'bravo', column: 'killedInConfirmed' }));
    expect(killed.reviews.map((r: { reviewId: string }) => r.reviewId)).toEqual([reviews.r1, reviews.r2, reviews.r7, reviews.r3]);
    expect(killed.reviews.reduce((sum: number, r: { incidentKilled: number }) => sum + r.incidentKilled, 0)).toBe(19);

    const pending = await ok(http.get('/api/violations/by-group/cell').query({ minPosition: position, agreement: 'pact', group: 'charlie', column: 'underReview', rollup: 'coalition' }));
    expect(pending).toMatchObject({ groupKind: 'actor', incidentIds: [incidents.i5], reviews: [{ reviewId: reviews.r5, status: 'open', incidentRetracted: true }] });

    const bad = await http.get('/api/violations/by-group/cell').query({ group: 'north', column: 'deaths' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('column');
  });

  it('refuses bad filters naming them', async () => {
    for (const [field, query] of [
      ['rollup', { rollup: 'region' }],
      ['from', { from: '2014-02-30' }],
      ['to', { to: '10/10/2014' }],
    ] as const) {
      const response = await http.get('/api/violations/by-group').query(query);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('moves the reviews already counted when a membership changes later', async () => {
    const { coalitions } = await ok(http.get('/api/coalitions').query({ minPosition: position }));
    const north = coalitions.find((c: { id: string }) => c.id === 'north');
    await ok(http.post('/api/coalitions/north/departures').send({ expectedVersion: north.version, actorId: 'alpha', on: '2014-09-01' }));
    expect((await table({ agreement: 'pact', rollup: 'coalition' })).rows).toEqual([
      row('north', 'coalition', 'North', [3, 0, 3, 0, 0, 12]),
      row('south', 'coalition', 'South', [2, 0, 1, 0, 1, 7]),
      row('charlie', 'actor', 'Charlie', [1, 1, 1, 0, 0, 7]),
      row('alpha', 'actor', 'Alpha', [2, 1, 0, 1, 0, 0]),
    ]);
    // The actor roll-up does not depend on memberships.
    expect((await table({ agreement: 'pact' })).rows[1]).toEqual(row('alpha', 'actor', 'Alpha', [4, 1, 1, 2, 0, 1]));
  });

  it('gives the same table from a read model rebuilt from the events', async () => {
    const rebuilt: DataSource = readModelDataSource(await freshDatabaseUrl('rebuilt'));
    await rebuilt.initialize();
    await migrateReadModels(rebuilt);
    let app: NestExpressApplication | undefined;
    try {
      for (const projection of PROJECTIONS) await runProjection(tracker.store, rebuilt, projection, { batchSize: 7 });
      app = await createTrackerApp({ store: tracker.store, readModels: rebuilt, projections: 'off', demoData: false, auth: testAuthSettings(), logLevel: 'error' });
      const server = app.getHttpServer();
      const { accessToken } = (await request(server).post('/api/auth/login').send({ username: 'operator', password: TEST_PASSWORD }).expect(200)).body;
      const other = { get: (url: string) => request(server).get(url).set('Authorization', `Bearer ${accessToken}`) };
      const queries: Record<string, string>[] = [
        { agreement: 'pact', rollup: 'actor' },
        { agreement: 'pact', rollup: 'coalition' },
        { agreement: 'pact', rollup: 'coalition', from: '2014-07-01', to: '2014-12-31' },
        { rollup: 'coalition' },
        { agreement: 'truce' },
      ];
      for (const query of queries) {
        expect(await table(query, other)).toEqual(await table(query));
      }
      const rows = (db: DataSource, sql: string) => db.query(sql);
      for (const sql of [
        'SELECT * FROM violation_parties ORDER BY review_id, party',
        'SELECT * FROM reviews ORDER BY id',
        'SELECT * FROM coalition_memberships ORDER BY coalition_id, actor_id, from_date',
        'SELECT * FROM review_memberships ORDER BY coalition_id, actor_id, from_date',
        'SELECT * FROM violation_coalition_cells ORDER BY review_id, grp_kind, grp',
        'SELECT * FROM violation_month_totals ORDER BY rollup, agreement_id, month, grp_kind, grp',
      ]) {
        expect(await rows(rebuilt, sql)).toEqual(await rows(tracker.readModels, sql));
      }
    } finally {
      await app?.close();
      await rebuilt.destroy();
    }
  });
});

describe('Violations by group with the demo set', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let head = '';

  beforeAll(async () => {
    tracker = await startTestTracker({ demoData: true });
    http = await tracker.client(['reviewer', 'admin'], 'operator');
    head = await tracker.store.headPosition();
    // The demo set is on the record: every read below sees all of it.
    await tracker.caughtUp();
  }, 120_000);
  afterAll(() => tracker.close());

  const table = async (query: Record<string, string>) => {
    const response = await http.get('/api/violations/by-group').query({ minPosition: head, ...query });
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-behind']).toBeUndefined();
    return response.body.rows;
  };

  it('loads the reference data as streams', async () => {
    const { actors } = (await http.get('/api/actors').query({ minPosition: head })).body;
    expect(actors.length).toBeGreaterThanOrEqual(28);
    expect(actors.find((a: { id: string }) => a.id === 'mnla')).toMatchObject({ shortName: 'MNLA', kind: 'rebel_group', inter: 2, citation: 'NUPI 853' });
    const { coalitions } = (await http.get('/api/coalitions').query({ minPosition: head })).body;
    expect(coalitions.map((c: { id: string }) => c.id)).toEqual(['cma', 'platform']);
    expect(coalitions[0].memberships).toContainEqual({ actorId: 'mnla', from: '2014-06-01', to: null });
    const { agreements } = (await http.get('/api/agreements').query({ minPosition: head })).body;
    expect(agreements.map((a: { id: string }) => a.id)).toEqual([
      'ouagadougou-2013',
      'kidal-ceasefire-2014',
      'algiers-roadmap-2014',
      'algiers-cessation-2015',
      'algiers-agreement-2015',
    ]);
  });

  it('shows the demo findings against the Ouagadougou agreement: the May 2014 Kidal fighting', async () => {
    const rows = [
      row('mnla', 'actor', 'MNLA', [4, 1, 3, 0, 0, 36]),
      row('fama', 'actor', 'FAMa', [1, 0, 0, 1, 0, 0]),
      row('hcua', 'actor', 'HCUA', [1, 0, 0, 1, 0, 0]),
    ];
    expect(await table({ agreement: 'ouagadougou-2013' })).toEqual(rows);
    // In May 2014 the coalitions had not yet formed: each group stands alone.
    expect(await table({ agreement: 'ouagadougou-2013', rollup: 'coalition' })).toEqual(rows);
    const decided = (await http.get('/api/reviews').query({ agreement: 'ouagadougou-2013', party: 'mnla', status: 'decided' })).body.reviews;
    expect(decided).toHaveLength(3);
  });

  it('shows the demo findings against the Kidal ceasefire, by actor and by coalition', async () => {
    expect(await table({ agreement: 'kidal-ceasefire-2014' })).toEqual([
      row('maa-loyalist', 'actor', 'MAA (loyalist)', [2, 1, 1, 0, 0, 2]),
      row('maa-dissident', 'actor', 'MAA (dissident)', [1, 0, 1, 0, 0, 2]),
      row('gatia', 'actor', 'GATIA', [2, 1, 0, 0, 1, 0]),
      row('mnla', 'actor', 'MNLA', [2, 1, 0, 0, 1, 0]),
      row('hcua', 'actor', 'HCUA', [1, 1, 0, 0, 0, 0]),
    ]);
    expect(await table({ agreement: 'kidal-ceasefire-2014', rollup: 'coalition' })).toEqual([
      row('cma', 'coalition', 'CMA', [3, 1, 1, 0, 1, 2]),
      row('platform', 'coalition', 'Platform', [3, 1, 1, 0, 1, 2]),
    ]);
  });

  it('keeps the history of the reopened demo review', async () => {
    const { reviews } = (await http.get('/api/reviews').query({ agreement: 'ouagadougou-2013', from: '2014-05-16', to: '2014-05-16' })).body;
    expect(reviews).toHaveLength(1);
    const review = (await http.get(`/api/reviews/${reviews[0].id}`)).body;
    expect(review.history.map((e: { type: string; recordedBy: string }) => [e.type, e.recordedBy])).toEqual([
      ['ViolationAlleged', 'ctms-secretariat'],
      ['FindingRecorded', 'ctms-chair'],
      ['ReviewReopened', 'ctms-chair'],
      ['FindingRecorded', 'ctms-chair'],
    ]);
    expect(review.history[2].recordedAt).toBe('2014-06-26T10:00:00.000Z');
  });
});
