import request from 'supertest';
import { MAX_CASUALTY_COUNT } from '#domain';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/**
 * The regression tests of issue 12, part 1: each input that once got a 201 the read side could
 * not hold, or a 500, now gets a 4xx naming the field, and appends nothing.
 */
describe('The boundary', () => {
  let tracker: TestTracker;
  let monitorA: SignedClient;
  let monitorB: SignedClient;
  let reviewer: SignedClient;
  let admin: SignedClient;
  let existing: { id: string; version: number; position: string };

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(['mnla', 'fama']);
    monitorA = await tracker.client('monitor', 'monitor-a');
    monitorB = await tracker.client('monitor', 'monitor-b');
    reviewer = await tracker.client(['reviewer', 'analyst'], 'reviewer-1');
    admin = await tracker.client('admin');
    const created = await monitorA.post('/api/incidents').send(kidalReport());
    expect(created.status).toBe(201);
    existing = created.body;
  });
  afterAll(() => tracker.close());

  /** Sends, and checks the answer is `status` naming `field`, with the store unchanged. */
  async function refused(send: () => PromiseLike<request.Response>, status: number, field: string) {
    const before = await tracker.eventCount();
    const response = await send();
    expect({ status: response.status, fields: fieldsOf(response) }).toEqual({ status, fields: expect.arrayContaining([field]) });
    expect(await tracker.eventCount()).toBe(before);
    return response;
  }
  const fieldsOf = (response: request.Response): string[] => (response.body?.errors ?? []).map((e: { field: string }) => e.field);
  const postJson = (client: SignedClient, url: string, json: string) => client.post(url).set('content-type', 'application/json').send(json);

  describe('numbers the read side can store', () => {
    it.each([2_147_483_648, 2 ** 53, 1e20, 1e308, MAX_CASUALTY_COUNT + 1, -1, 1.5])('refuses killed %p in a report and in an amendment', async (killed) => {
      const harm = { killed, injured: 0, abducted: 0 };
      await refused(() => monitorA.post('/api/incidents').send({ ...kidalReport(), harm }), 400, 'harm.killed');
      await refused(() => monitorA.patch(`/api/incidents/${existing.id}`).send({ expectedVersion: 1, changes: { harm }, reason: 'count' }), 400, 'changes.harm.killed');
    });

    it('keeps the largest count through every read model', async () => {
      const harm = { killed: MAX_CASUALTY_COUNT, injured: MAX_CASUALTY_COUNT, abducted: MAX_CASUALTY_COUNT };
      const created = await monitorA.post('/api/incidents').send({ ...kidalReport(), harm });
      expect(created.status).toBe(201);
      const one = await reviewer.get(`/api/incidents/${created.body.id}`).query({ minPosition: created.body.position });
      expect(one.body.details.harm).toEqual(harm);
      const timeline = await reviewer.get('/api/timeline').query({ around: created.body.id, minPosition: created.body.position });
      expect(timeline.status).toBe(200);
      expect(timeline.headers['x-read-model-behind']).toBeUndefined();
    });

    it('refuses an expected version beyond the store’s range', async () => {
      await refused(() => monitorA.patch(`/api/incidents/${existing.id}`).send({ expectedVersion: 2 ** 31, changes: { description: 'x' }, reason: 'r' }), 400, 'expectedVersion');
    });
  });

  describe('text the record can keep', () => {
    const confidential = (reference: string) => [{ kind: 'local_contact', reference, reliability: 'unconfirmed', confidential: true }];

    it('refuses a NUL in a confidential source reference', async () => {
      await refused(() => monitorA.post('/api/incidents').send({ ...kidalReport(), sources: confidential('name\u0000hidden') }), 400, 'sources[0].reference');
    });

    it.each([
      ['description', { description: 'lone \ud800 surrogate' }],
      ['description', { description: 'nul \u0000 inside' }],
      ['location.place', { location: { ...kidalReport().location, place: 'Ki\u0000dal' } }],
      ['actors[0].actorId', { actors: [{ actorId: 'mnla\udc00', role: 'perpetrator' }] }],
      ['sources[0].reference', { sources: confidential('\udfff') }],
    ])('refuses unstorable text in %s of a report', async (field, change) => {
      await refused(() => monitorA.post('/api/incidents').send({ ...kidalReport(), ...change }), 400, field);
    });

    it('refuses unstorable text in a reason, a username and a path parameter', async () => {
      await refused(() => monitorA.patch(`/api/incidents/${existing.id}`).send({ expectedVersion: 1, changes: { description: 'new' }, reason: 'why\u0000' }), 400, 'reason');
      await refused(() => admin.post('/api/users').send({ username: 'awa\ud800', password: 'a long passphrase', roles: ['monitor'] }), 400, 'username');
      await refused(() => admin.post('/api/actors/mn%00la/renaming').send({ expectedVersion: 1, name: 'x', shortName: 'x', reason: 'r' }), 400, 'id');
    });

    it.each([
      ['/api/incidents', 'actor'],
      ['/api/timeline', 'actor'],
      ['/api/reviews', 'party'],
      ['/api/reviews', 'agreement'],
      ['/api/violations/by-group', 'agreement'],
      ['/api/violations/by-group/cell?column=confirmed', 'group'],
    ])('refuses a NUL in the query filter %s?%s', async (path, name) => {
      await refused(() => reviewer.get(`${path}${path.includes('?') ? '&' : '?'}${name}=mn%00la`), 400, name);
    });

    it('limits the correlation id', async () => {
      await refused(() => monitorA.post('/api/incidents').set('x-correlation-id', 'x'.repeat(101)).send(kidalReport()), 400, 'x-correlation-id');
    });

    it('limits the idempotency key, which is stored with the request', async () => {
      await refused(() => monitorA.post('/api/incidents').set('idempotency-key', 'k'.repeat(5_000)).send(kidalReport()), 400, 'idempotency-key');
      await refused(() => monitorA.post('/api/incidents').set('idempotency-key', 'clé-é').send(kidalReport()), 400, 'idempotency-key');
    });
  });

  describe('one id, one stream', () => {
    it('answers 409 to a report under an existing id in upper case, and leaves the record as it was', async () => {
      const upper = existing.id.toUpperCase();
      const body = { ...kidalReport(), id: upper, description: 'Monitor B’s text', harm: { killed: 99, injured: 0, abducted: 0 } };
      const before = await tracker.eventCount();
      const response = await monitorB.post('/api/incidents').send(body);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('incident_exists');
      const withSource = await monitorB.post('/api/incidents').send({ ...body, sources: [{ kind: 'media', reference: 'x', reliability: 'reliable', confidential: false }] });
      expect(withSource.status).toBe(409);
      expect(await tracker.eventCount()).toBe(before);
      const record = await reviewer.get(`/api/incidents/${upper}`).query({ minPosition: existing.position });
      expect(record.body).toMatchObject({ id: existing.id, version: 1, details: { description: kidalReport().description, harm: { killed: 8 } } });
      const history = await reviewer.get(`/api/incidents/${existing.id}/history`);
      expect(history.body.events).toHaveLength(1);
      const streams: { n: string }[] = await tracker.readModels.query(`SELECT count(*) AS n FROM events WHERE lower(stream_id) = $1`, [`incident-${existing.id}`]);
      expect(Number(streams[0].n)).toBe(1);
    });

    it('amends an incident named in upper case in its one stream', async () => {
      const created = await monitorA.post('/api/incidents').send(kidalReport());
      const amended = await monitorA.patch(`/api/incidents/${created.body.id.toUpperCase()}`).send({ expectedVersion: 1, changes: { description: 'amended' }, reason: 'typo' });
      expect(amended.status).toBe(200);
      expect(amended.body.version).toBe(2);
    });
  });

  describe('dates: one parser, the documented forms', () => {
    it.each([
      ['/api/incidents', 'from', '2014'],
      ['/api/incidents', 'from', '2014-05'],
      ['/api/incidents', 'from', '2014-W20-3'],
      ['/api/incidents', 'to', '2014-05-17T10:00'],
      ['/api/incidents', 'asOf', '2014-13-01'],
      ['/api/timeline', 'around', '2014-W20'],
      ['/api/timeline', 'from', '2014'],
      ['/api/reviews', 'from', '2014-05'],
      ['/api/violations/by-group', 'to', '2014-W20-3'],
      ['/api/incidents/map', 'from', '1959-12-31'],
      [`/api/incidents/{id}/diff`, 'from', '2014'],
    ])('refuses %s?%s=%s naming the field', async (path, name, value) => {
      await refused(() => reviewer.get(path.replace('{id}', existing.id)).query({ [name]: value }), 400, name);
    });

    it.each(['/api/incidents', '/api/incidents/map', '/api/timeline', '/api/reviews', '/api/violations/by-group', '/api/incidents/export?format=csv'])(
      'answers %s with to=9999-12-31',
      async (path) => {
        const response = await reviewer.get(`${path}${path.includes('?') ? '&' : '?'}from=2014-05-01&to=9999-12-31`);
        expect(response.status).toBe(200);
      },
    );

    it('answers a timeline around the last day with the longest window', async () => {
      expect((await reviewer.get('/api/timeline').query({ around: '9999-12-31', before: 'P100Y', after: 'P100Y' })).status).toBe(200);
      expect((await reviewer.get('/api/timeline').query({ around: '1960-01-01', before: 'P100Y', after: 'P1D' })).status).toBe(200);
    });

    it('refuses a report dated in a form the rules do not know', async () => {
      await refused(() => monitorA.post('/api/incidents').send({ ...kidalReport(), occurredAt: '2014-W20-3' }), 400, 'occurredAt');
    });
  });

  describe('shapes', () => {
    it.each(['location', 'harm'])('refuses a report without %s', async (field) => {
      const { [field as 'harm']: _dropped, ...body } = kidalReport();
      await refused(() => monitorA.post('/api/incidents').send(body), 400, field);
    });

    it('refuses an amendment without changes', async () => {
      await refused(() => monitorA.patch(`/api/incidents/${existing.id}`).send({ expectedVersion: 1, reason: 'r' }), 400, 'changes');
    });

    it.each([
      ['__proto__', '{"__proto__":{"admin":true},'],
      ['constructor', '{"constructor":{"name":"x"},'],
      ['prototype', '{"prototype":1,'],
    ])('refuses the key %s', async (key, start) => {
      const json = start + JSON.stringify(kidalReport()).slice(1);
      await refused(() => postJson(monitorA, '/api/incidents', json), 400, key);
    });

    it('refuses a key naming a prototype inside a nested object', async () => {
      const json = JSON.stringify(kidalReport()).replace('"harm":{', '"harm":{"__proto__":{"killed":1},');
      await refused(() => postJson(monitorA, '/api/incidents', json), 400, 'harm.__proto__');
    });

    it('refuses JSON nested 5,000 deep at once', async () => {
      const json = `{"description":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const started = Date.now();
      const response = await refused(() => postJson(monitorA, '/api/incidents', json), 400, 'description[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]');
      expect(response.body.code).toBe('validation_failed');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('answers a URL longer than the HTTP parser reads with 431, not a dropped connection', async () => {
      const before = await tracker.eventCount();
      const response = await reviewer.get('/api/timeline').query({ around: 'x'.repeat(70_000) });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 431, code: 'malformed_request' });
      expect(await tracker.eventCount()).toBe(before);
    });

    it.each([
      ['/api/incidents', 'after', Buffer.from(`0|${'-'.repeat(36)}`).toString('base64url')],
      ['/api/incidents', 'after', Buffer.from('2014|9a3e2d51-6c0b-4e8f-b7a4-31d5c2e8f0a7').toString('base64url')],
      ['/api/incidents/map', 'after', 'not-a-cursor'],
      ['/api/timeline', 'cursor', Buffer.from(`2014-05-17T00:00:00.000Z|x|${'-'.repeat(36)}`).toString('base64url')],
      ['/api/reviews', 'after', Buffer.from(`2014-02-30|${'0'.repeat(36)}`).toString('base64url')],
    ])('refuses a crafted cursor %s?%s', async (path, name, value) => {
      await refused(() => reviewer.get(path).query({ [name]: value }), 400, name);
    });

    it.each(['/api/incidents', '/api/incidents/{id}', '/api/timeline', '/api/reviews', '/api/actors', '/api/violations/by-group'])(
      'refuses a garbage minPosition on %s at once',
      async (path) => {
        const started = Date.now();
        await refused(() => reviewer.get(path.replace('{id}', existing.id)).query({ minPosition: 'zzz' }), 400, 'minPosition');
        expect(Date.now() - started).toBeLessThan(1000);
      },
    );
  });

  describe('actors on the register', () => {
    it('refuses a report naming an actor that is not registered, naming the field', async () => {
      const response = await refused(
        () => monitorA.post('/api/incidents').send({ ...kidalReport(), actors: [{ actorId: 'mnla', role: 'perpetrator' }, { actorId: 'no-such-actor-typo', role: 'target' }] }),
        422,
        'actors[1].actorId',
      );
      expect(response.body.code).toBe('actor_not_registered');
    });

    it('refuses an amendment naming an actor that is not registered', async () => {
      await refused(
        () => monitorA.patch(`/api/incidents/${existing.id}`).send({ expectedVersion: 1, changes: { actors: [{ actorId: 'no-such-actor-typo', role: 'perpetrator' }] }, reason: 'r' }),
        422,
        'actors[0].actorId',
      );
    });
  });
});
