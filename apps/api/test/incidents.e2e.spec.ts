import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';


describe('Incidents over HTTP', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let kidalMonitor: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(['mnla', 'fama', 'mujao', 'minusma']);
    http = await tracker.client('reviewer');
    kidalMonitor = await tracker.client('monitor', 'monitor-kidal');
  });
  afterAll(() => tracker.close());

  async function report(body: object = kidalReport(), headers: Record<string, string> = {}) {
    const response = await kidalMonitor.post('/api/incidents').set(headers).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; position: string };
  }

  it('reports an incident and shows it at once to its reporter (read your writes)', async () => {
    const created = await report();
    expect(created).toMatchObject({ version: 1 });
    const list = await http.get('/api/incidents').query({ minPosition: created.position, bbox: '1,18,2,19' });
    expect(list.status).toBe(200);
    expect(list.headers['x-read-model-behind']).toBeUndefined();
    const feature = list.body.features.find((f: { id: string }) => f.id === created.id);
    expect(feature).toEqual({
      type: 'Feature',
      id: created.id,
      geometry: { type: 'Point', coordinates: [1.4078, 18.4411] },
      properties: {
        type: 'battles',
        subType: 'armed_clash',
        occurredAt: '2014-05-17',
        timePrecision: 'day',
        fatalities: 8,
        injured: 20,
        abducted: 0,
        place: 'Kidal',
        admin1: 'Kidal',
        geoPrecision: 'exact',
        actors: [{ actorId: 'mnla', role: 'perpetrator' }, { actorId: 'fama', role: 'target' }],
        targets: ['state_forces'],
        status: 'active',
        verification: 'reported',
        version: 1,
      },
    });
    const one = await http.get(`/api/incidents/${created.id}`);
    expect(one.body).toMatchObject({ id: created.id, version: 1, reportedBy: 'monitor-kidal', details: { occurredAt: '2014-05-17' } });
    expect(one.body.details.sources[0].id).toMatch(/^src-/);
  });

  it('amends, re-verifies and retracts, keeping who, when and why in the history', async () => {
    const { id } = await report();
    const amended = await http
      .patch(`/api/incidents/${id}`)
      .send({ expectedVersion: 1, changes: { harm: { killed: 36, injured: 20, abducted: 0 }, description: kidalReport().description }, reason: 'GMS casualty list' });
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    const verified = await http.post(`/api/incidents/${id}/verification`).send({ expectedVersion: 2, level: 'corroborated', note: 'EMOV visit' });
    expect(verified.status).toBe(200);
    const retracted = await http.post(`/api/incidents/${id}/retraction`).send({ expectedVersion: 3, reason: 'false_report', note: 'staged' });
    expect(retracted.status).toBe(200);

    const history = await http.get(`/api/incidents/${id}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'IncidentReported',
      'IncidentAmended',
      'IncidentVerificationChanged',
      'IncidentRetracted',
    ]);
    expect(history.body.events[1]).toMatchObject({
      version: 2,
      recordedBy: 'reviewer-1',
      reason: 'GMS casualty list',
      data: { changes: { harm: { killed: 36 } } },
    });
    expect(Object.keys(history.body.events[1].data.changes)).toEqual(['harm']);

    const one = await http.get(`/api/incidents/${id}`).query({ minPosition: retracted.body.position });
    expect(one.body).toMatchObject({ version: 4, status: 'retracted', verification: 'corroborated', details: { harm: { killed: 36 } }, retraction: { reason: 'false_report' } });
    const refused = await http.patch(`/api/incidents/${id}`).send({ expectedVersion: 4, changes: { description: 'x' }, reason: 'y' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('incident_retracted');

    const onMap = await http.get('/api/incidents/map').query({ status: 'retracted' });
    expect(onMap.body.incidents.find(([incident]: [string]) => incident === id)).toEqual([id, 1.4078, 18.4411, 'battles', 36, '2014-05-17', 'Kidal', true]);
  });

  it('answers 409 to a stale expected version and writes nothing', async () => {
    const { id } = await report();
    const first = await http.patch(`/api/incidents/${id}`).send({ expectedVersion: 1, changes: { description: 'first edit' }, reason: 'a' });
    expect(first.status).toBe(200);
    const before = await tracker.eventCount();
    const stale = await http.patch(`/api/incidents/${id}`).send({ expectedVersion: 1, changes: { description: 'second edit' }, reason: 'b' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stream_version_conflict');
    expect(await tracker.eventCount()).toBe(before);
  });

  it('lets only one of two concurrent edits win; the other gets 409', async () => {
    const { id } = await report();
    const edits = await Promise.all(
      ['one', 'two'].map((text) => http.patch(`/api/incidents/${id}`).send({ expectedVersion: 1, changes: { description: text }, reason: text })),
    );
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('appends once for a retried request with the same Idempotency-Key', async () => {
    const before = await tracker.eventCount();
    const headers = { 'Idempotency-Key': 'k-report-1' };
    const first = await report(kidalReport(), headers);
    const again = await kidalMonitor.post('/api/incidents').set(headers).send(kidalReport());
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(await tracker.eventCount()).toBe(before + 1);

    const amend = { expectedVersion: 1, changes: { description: 'corrected' }, reason: 'typo' };
    const a1 = await http.patch(`/api/incidents/${first.id}`).set('Idempotency-Key', 'k-amend-1').send(amend);
    const a2 = await http.patch(`/api/incidents/${first.id}`).set('Idempotency-Key', 'k-amend-1').send(amend);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a2.body).toEqual(a1.body);
    expect(await tracker.eventCount()).toBe(before + 2);

    const reused = await http.patch(`/api/incidents/${first.id}`).set('Idempotency-Key', 'k-amend-1').send({ ...amend, reason: 'other' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('appends once when the first answer was lost and the key is replayed without the stored reply', async () => {
    const gaoMonitor = await tracker.client('monitor', 'monitor-gao');
    const before = await tracker.eventCount();
    const headers = { 'Idempotency-Key': 'k-lost-1' };
    const first = await gaoMonitor.post('/api/incidents').set(headers).send(kidalReport());
    // Simulate a crash between the append and the stored reply.
    await tracker.readModels.query(`DELETE FROM idempotent_requests WHERE key LIKE '%k-lost-1'`);
    const again = await gaoMonitor.post('/api/incidents').set(headers).send(kidalReport());
    expect(again.body).toEqual(first.body);
    expect(await tracker.eventCount()).toBe(before + 1);
  });

  it.each([
    ['location.lat', (b: ReturnType<typeof kidalReport>) => ({ ...b, location: { ...b.location, lat: 123 } }), 400],
    ['harm.killed', (b: ReturnType<typeof kidalReport>) => ({ ...b, harm: { ...b.harm, killed: -2 } }), 400],
    ['actors[0].role', (b: ReturnType<typeof kidalReport>) => ({ ...b, actors: [{ actorId: 'mnla', role: 'villain' }] }), 400],
    ['occurredAt', (b: ReturnType<typeof kidalReport>) => ({ ...b, occurredAt: '2099-01-01' }), 400],
    ['subType', (b: ReturnType<typeof kidalReport>) => ({ ...b, subType: 'grenade' }), 400],
    ['secretField', (b: ReturnType<typeof kidalReport>) => ({ ...b, secretField: 1 }), 400],
  ])('refuses a bad %s with a 400 naming it, and writes nothing', async (field, breakIt, status) => {
    const before = await tracker.eventCount();
    const response = await http.post('/api/incidents').send(breakIt(kidalReport()));
    expect(response.status).toBe(status);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(response.body.detail).toContain(field);
    expect(await tracker.eventCount()).toBe(before);
  });

  it('refuses an amendment that changes nothing', async () => {
    const { id } = await report();
    const response = await http.patch(`/api/incidents/${id}`).send({ expectedVersion: 1, changes: { occurredAt: '2014-05-17' }, reason: 'same' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('amendment_changes_nothing');
  });

  it('retracts a duplicate only when it points at another existing incident', async () => {
    const original = await report();
    const copy = await report();
    const missing = await http.post(`/api/incidents/${copy.id}/retraction`).send({ expectedVersion: 1, reason: 'duplicate', duplicateOf: '00000000-0000-4000-8000-000000000000', note: 'dup' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('duplicateOf');
    const ok = await http.post(`/api/incidents/${copy.id}/retraction`).send({ expectedVersion: 1, reason: 'duplicate', duplicateOf: original.id, note: 'same clash' });
    expect(ok.status).toBe(200);
  });

  it('answers 404 for an unknown incident and 400 for a malformed id', async () => {
    expect((await http.get('/api/incidents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await http.get('/api/incidents/00000000-0000-4000-8000-000000000000/history')).status).toBe(404);
    const bad = await http.get('/api/incidents/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('id');
  });

  describe('filters and paging', () => {
    let ids: Record<string, string>;
    let position: string;

    beforeAll(async () => {
      const gaoIed = await report({
        ...kidalReport(),
        occurredAt: '2014-10-03',
        location: { lat: 16.2717, lon: -0.0447, place: 'Gao', admin1: 'Gao', precision: 'near' },
        type: 'explosions_remote_violence',
        subType: 'remote_explosive_landmine_ied',
        targets: ['peacekeepers'],
        actors: [{ actorId: 'mujao', role: 'perpetrator' }, { actorId: 'minusma', role: 'target' }],
      });
      const timbuktu = await report({ ...kidalReport(), occurredAt: '2013-02-01', location: { lat: 16.7735, lon: -3.0074, place: 'Tombouctou', admin1: 'Tombouctou', precision: 'exact' } });
      ids = { gaoIed: gaoIed.id, timbuktu: timbuktu.id };
      position = timbuktu.position;
      // Every test below reads these two, in any order.
      await tracker.caughtUp(position);
    });

    const idsOf = (body: { features: { id: string }[] }) => body.features.map((f) => f.id);

    it('filters by target, type, actor, bbox and date window', async () => {
      const byTarget = await http.get('/api/incidents').query({ target: 'peacekeepers', minPosition: position });
      expect(idsOf(byTarget.body)).toEqual([ids.gaoIed]);
      const byType = await http.get('/api/incidents').query({ type: 'explosions_remote_violence', subType: 'remote_explosive_landmine_ied' });
      expect(idsOf(byType.body)).toEqual([ids.gaoIed]);
      const byActor = await http.get('/api/incidents').query({ actor: 'mujao' });
      expect(idsOf(byActor.body)).toEqual([ids.gaoIed]);
      // A name no actor has is said to be unknown, not answered with nothing (issue 16).
      const unknown = await http.get('/api/incidents').query({ actor: 'mujao,unknown-group' });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.body)).toContain('no actor named unknown-group');
      const byBbox = await http.get('/api/incidents').query({ bbox: '-4,16,-2,17.5' });
      expect(idsOf(byBbox.body)).toEqual([ids.timbuktu]);
      const byWindow = await http.get('/api/incidents').query({ from: '2013-01-01', to: '2013-02-01' });
      expect(idsOf(byWindow.body)).toEqual([ids.timbuktu]);
    });

    it('refuses a bad filter naming it', async () => {
      const response = await http.get('/api/incidents').query({ target: 'journalists' });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('target');
    });

    /** Every page of `path`, two at a time, following the cursors. */
    async function pagedIds(path: string, idsOfPage: (body: never) => string[]) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await http.get(path).query({ limit: 2, ...(after ? { after } : {}) });
        expect(page.status).toBe(200);
        seen.push(...idsOfPage(page.body as never));
        after = page.body.nextCursor;
      } while (after);
      return seen;
    }

    it('pages in a stable order without loss or repeat', async () => {
      const all = await http.get('/api/incidents').query({ limit: 1000 });
      const seen = await pagedIds('/api/incidents', idsOf);
      expect(seen).toEqual(idsOf(all.body));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('gives the map a few values of each incident, with the list\'s filters and pages', async () => {
      const view = await http.get('/api/incidents/map').query({ bbox: '-4,16,-2,17.5' });
      expect(view.status).toBe(200);
      expect(view.body).toEqual({
        fields: ['id', 'lon', 'lat', 'type', 'killed', 'occurredAt', 'place', 'retracted'],
        incidents: [[ids.timbuktu, -3.0074, 16.7735, 'battles', 8, '2013-02-01', 'Tombouctou', false]],
      });
      const all = await http.get('/api/incidents').query({ limit: 1000 });
      const mapIds = (body: { incidents: [string][] }) => body.incidents.map(([id]) => id);
      expect(await pagedIds('/api/incidents/map', mapIds)).toEqual(idsOf(all.body));
      const bad = await http.get('/api/incidents/map').query({ bbox: 'Kidal' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('bbox');
    });

    it('exports the filtered view as CSV and GeoJSON', async () => {
      const csv = await http.get('/api/incidents/export').query({ format: 'csv', target: 'peacekeepers' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toContain('event_id,event_date');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(ids.gaoIed);
      const geojson = await http.get('/api/incidents/export').query({ format: 'geojson', target: 'peacekeepers' });
      expect(JSON.parse(geojson.text).features.map((f: { id: string }) => f.id)).toEqual([ids.gaoIed]);
    });
  });

  it('reports health with the projection lag to an administrator, only the status to others, and serves the OpenAPI description gzipped', async () => {
    const admin = await tracker.client('admin');
    const health = await admin.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: { ok: true }, readModel: { ok: true } });
    expect(health.body.projections[0]).toMatchObject({ name: 'incidents' });
    expect((await http.get('/api/health')).body).toEqual({ status: 'ok' });
    const docs = await http.get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('gzip');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/incidents', '/api/incidents/map', '/api/incidents/{id}/history']));
  });
});
