import type { Role } from '#domain';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { pdfDocument } from '../../../test/evidence-files.js';
import { kidalReport } from '../../../test/fixtures.js';
import { TEST_PASSWORD, startTestTracker, type TestTracker } from '../../../test/tracker.js';

type Who = Role | 'anonymous';
const EVERYONE: Who[] = ['anonymous', 'monitor', 'analyst', 'admin', 'reviewer'];
const SIGNED_IN: Role[] = ['monitor', 'analyst', 'admin', 'reviewer'];
const MARKER = 'CONFIDENTIAL-MARKER-7f3a91';
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000e404';

describe('Security', () => {
  let tracker: TestTracker;
  let http: ReturnType<typeof request>;
  const ids = { incident: '', othersIncident: '', review: '', sourceId: '' };

  beforeAll(async () => {
    tracker = await startTestTracker({ demoData: true });
    http = request(tracker.app.getHttpServer());
    const monitor = await tracker.client('monitor');
    const reviewer = await tracker.client('reviewer');
    const body = kidalReport();
    body.sources = [...body.sources, { kind: 'local_contact', reference: MARKER, reliability: 'unconfirmed', confidential: true } as (typeof body.sources)[number]];
    const mine = await monitor.post('/api/incidents').send(body).expect(201);
    ids.incident = mine.body.id;
    // The marker also travels in an amendment, so histories and diffs carry it.
    await reviewer
      .patch(`/api/incidents/${ids.incident}`)
      .send({ expectedVersion: 1, changes: { sources: [...body.sources.map((s) => ({ ...s, reference: s.reference === MARKER ? `${MARKER}-amended` : s.reference }))] }, reason: 'contact moved' })
      .expect(200);
    // Confidential evidence's caption carries it too: every answer below must withhold it alike.
    await monitor
      .post(`/api/incidents/${ids.incident}/evidence`)
      .field('caption', `${MARKER}-caption`)
      .field('confidential', 'true')
      .attach('file', pdfDocument(), { filename: 'statement.pdf', contentType: 'application/pdf' })
      .expect(201);
    ids.othersIncident = (await reviewer.post('/api/incidents').send(kidalReport()).expect(201)).body.id;
    // Every read model holds the demo set and the writes above: a read that shows no marker below
    // shows none because it withholds it, not because it ran ahead of the projections.
    await tracker.caughtUp();
    const reviews = await reviewer.get('/api/reviews').expect(200);
    ids.review = reviews.body.reviews[0].id;
    const current = await reviewer.get(`/api/incidents/${ids.incident}`).expect(200);
    ids.sourceId = current.body.details.sources[0].id;
  }, 120_000);
  afterAll(() => tracker.close());

  const headersOf = async (who: Who) => (who === 'anonymous' ? {} : tracker.as(who));

  describe('every endpoint × every role', () => {
    // [method, path, roles allowed]; a refused write must leave the event count unchanged.
    // A fourth element replaces the empty body: whose report it is, is decided by the rules, so
    // only a body they can read meets that refusal (the permitted caller's is still refused, 4xx).
    const matrix: [string, () => string, Who[], (() => object)?][] = [
      ['GET', () => '/api/health', EVERYONE],
      ['GET', () => '/api/health/live', EVERYONE],
      ['GET', () => '/api/health/ready', EVERYONE],
      ['GET', () => '/api/incidents', SIGNED_IN],
      ['GET', () => `/api/incidents/${ids.incident}`, SIGNED_IN],
      ['GET', () => `/api/incidents/${ids.incident}/history`, SIGNED_IN],
      ['GET', () => `/api/incidents/${ids.incident}/diff?from=2000-01-01T00:00:00Z`, ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/incidents/export?format=csv', ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/timeline?from=2014-05-01&to=2014-05-31', ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/reviews', ['analyst', 'admin', 'reviewer']],
      ['GET', () => `/api/reviews/${ids.review}`, ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/violations/by-group?agreement=kidal-ceasefire-2014', ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/violations/by-group.csv?agreement=kidal-ceasefire-2014', ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/violations/by-group/cell?group=mnla&column=confirmed', ['analyst', 'admin', 'reviewer']],
      ['GET', () => '/api/actors', SIGNED_IN],
      ['GET', () => '/api/coalitions', SIGNED_IN],
      ['GET', () => '/api/agreements', SIGNED_IN],
      ['GET', () => '/api/reference/taxonomy', SIGNED_IN],
      ['GET', () => '/api/reference/places', SIGNED_IN],
      ['GET', () => '/api/users', ['admin']],
      ['GET', () => '/api/imports', ['admin']],
      ['GET', () => '/api/imports/00000000-0000-4000-8000-000000000000', ['admin']],
      ['POST', () => '/api/imports', ['admin']],
      ['POST', () => '/api/incidents', ['monitor', 'reviewer']],
      ['PATCH', () => `/api/incidents/${ids.incident}`, ['monitor', 'reviewer']],
      ['PATCH', () => `/api/incidents/${ids.othersIncident}`, ['reviewer'], () => ({ expectedVersion: 1, changes: { description: kidalReport().description }, reason: 'no change' })],
      [
        'POST',
        () => `/api/incidents/${ids.othersIncident}/retraction`,
        ['reviewer'],
        () => ({ expectedVersion: 1, reason: 'duplicate', note: 'of itself', duplicateOf: ids.othersIncident }),
      ],
      ['POST', () => `/api/incidents/${ids.incident}/verification`, ['reviewer']],
      ['POST', () => `/api/incidents/${ids.incident}/sources/not-a-source/erasure`, ['admin', 'reviewer']],
      ['POST', () => `/api/incidents/${ids.incident}/evidence`, ['monitor', 'reviewer']],
      ['GET', () => `/api/incidents/${ids.incident}/evidence/${UNKNOWN_ID}`, SIGNED_IN],
      ['GET', () => `/api/incidents/${ids.incident}/evidence/${UNKNOWN_ID}/thumbnail`, SIGNED_IN],
      ['POST', () => `/api/incidents/${ids.incident}/evidence/${UNKNOWN_ID}/erasure`, ['admin', 'reviewer']],
      ['POST', () => '/api/reviews', ['reviewer']],
      ['POST', () => `/api/reviews/${ids.review}/finding`, ['reviewer']],
      ['POST', () => `/api/reviews/${ids.review}/reopening`, ['reviewer']],
      ['POST', () => '/api/actors', ['admin', 'reviewer']],
      ['POST', () => '/api/actors/mnla/renaming', ['admin']],
      ['POST', () => '/api/actors/mnla/aliases', ['admin']],
      ['POST', () => '/api/actors/mnla/classification', ['admin']],
      ['POST', () => '/api/agreements', ['admin']],
      ['POST', () => '/api/coalitions', ['admin']],
      ['POST', () => '/api/coalitions/cma/memberships', ['admin']],
      ['POST', () => '/api/coalitions/cma/departures', ['admin']],
      ['POST', () => '/api/users', ['admin']],
      ['PUT', () => '/api/users/analyst-1/roles', ['admin']],
      ['POST', () => '/api/users/nobody/disabling', ['admin']],
      ['POST', () => '/api/users/nobody/enabling', ['admin']],
      ['POST', () => '/api/auth/password', SIGNED_IN],
    ];

    it.each(matrix.map(([method, path, allowed, body]) => [`${method} ${path.toString().replace(/^\(\) => /, '')}`, method, path, allowed, body] as const))('%s', async (_name, method, path, allowed, body) => {
      for (const who of EVERYONE) {
        const headers = await headersOf(who);
        const before = await tracker.eventCount();
        // Empty bodies: a permitted caller then gets a 4xx about the body, never 401/403.
        const response = await http[method.toLowerCase() as 'get'](path()).set(headers).send(method === 'GET' ? undefined : (body?.() ?? {}));
        if (allowed.includes(who)) {
          expect({ who, refused: [401, 403].includes(response.status) }).toEqual({ who, refused: false });
        } else {
          expect({ who, status: response.status }).toEqual({ who, status: who === 'anonymous' ? 401 : 403 });
          expect(await tracker.eventCount()).toBe(before);
        }
      }
    });
  });

  it('never shows a confidential source to a role that may not read it', async () => {
    const reads = [
      '/api/incidents?limit=50000',
      `/api/incidents?asOf=${encodeURIComponent(new Date().toISOString())}`,
      `/api/incidents/${ids.incident}`,
      `/api/incidents/${ids.incident}/history`,
      `/api/incidents/${ids.incident}/diff?from=2000-01-01T00:00:00Z`,
      '/api/incidents/export?format=csv',
      '/api/incidents/export?format=geojson',
      '/api/timeline?from=2014-05-01&to=2014-05-31',
      '/api/reviews',
      '/api/violations/by-group?agreement=kidal-ceasefire-2014',
    ];
    for (const who of SIGNED_IN) {
      const headers = await tracker.as(who);
      const bodies = await Promise.all(reads.map(async (path) => {
        const response = await http.get(path).set(headers);
        return `${response.status} ${path} ${response.text}`;
      }));
      const leaked = bodies.filter((text) => text.includes(MARKER)).map((text) => text.slice(0, 80));
      if (who === 'reviewer' || who === 'admin') {
        // The marker is there for those allowed to read it, so its absence elsewhere means something.
        expect(leaked.length).toBeGreaterThan(0);
      } else {
        expect({ who, leaked }).toEqual({ who, leaked: [] });
      }
    }
  });

  it('keeps a confidential reference when a monitor sends back the sources as shown to them', async () => {
    const monitor = await tracker.client('monitor');
    const shown = await monitor.get(`/api/incidents/${ids.incident}`).expect(200);
    const withheld = shown.body.details.sources.find((s: { confidential: boolean }) => s.confidential);
    expect(withheld.reference).toBe('[confidential]');
    const sources = [...shown.body.details.sources, { kind: 'media', reference: 'Radio Kidal bulletin', reliability: 'unconfirmed', confidential: false }];
    const amended = await monitor
      .patch(`/api/incidents/${ids.incident}`)
      .send({ expectedVersion: shown.body.version, changes: { sources }, reason: 'second source' })
      .expect(200);
    const reviewer = await tracker.client('reviewer');
    const after = await reviewer.get(`/api/incidents/${ids.incident}`).query({ minPosition: amended.body.position }).expect(200);
    expect(after.body.details.sources.find((s: { id: string }) => s.id === withheld.id).reference).toBe(`${MARKER}-amended`);
    expect(after.body.details.sources).toHaveLength(3);
  });

  it('refuses a tampered, an expired and a signed-out token', async () => {
    const { Authorization } = await tracker.as('analyst');
    const token = Authorization.slice('Bearer '.length);
    const [head, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    const tampered = await http.get('/api/users').set('Authorization', `Bearer ${head}.${forged}.${signature}`);
    expect(tampered.status).toBe(401);

    const [{ value: secret }] = await tracker.readModels.query(`SELECT value FROM secrets.auth_secrets WHERE name = 'token_signing'`);
    const expired = jwt.sign({ sub: 'analyst-1', jti: '00000000-0000-4000-8000-000000000001', exp: Math.floor(Date.now() / 1000) - 60 }, secret);
    expect((await http.get('/api/incidents').set('Authorization', `Bearer ${expired}`)).status).toBe(401);

    const login = await http.post('/api/auth/login').send({ username: 'analyst-1', password: TEST_PASSWORD }).expect(200);
    const fresh = { Authorization: `Bearer ${login.body.accessToken}` };
    await http.get('/api/incidents').set(fresh).expect(200);
    await http.post('/api/auth/logout').set(fresh).expect(204);
    expect((await http.get('/api/incidents').set(fresh)).status).toBe(401);
  });

  it('slows an account down after five failed sign-ins in a row', async () => {
    await tracker.as('monitor', 'monitor-locked');
    for (let i = 0; i < 5; i++) {
      expect((await http.post('/api/auth/login').send({ username: 'monitor-locked', password: 'wrong password!' })).status).toBe(401);
    }
    const blocked = await http.post('/api/auth/login').send({ username: 'monitor-locked', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
  });

  it('stops a disabled account at its next request, and records who disabled it', async () => {
    const headers = await tracker.as('analyst', 'analyst-leaving');
    await http.get('/api/incidents').set(headers).expect(200);
    const admin = await tracker.as('admin');
    await http.post('/api/users/analyst-leaving/disabling').set(admin).send({ reason: 'left the mission' }).expect(200);
    expect((await http.get('/api/incidents').set(headers)).status).toBe(401);
    const [event] = (await tracker.store.readStream('user-analyst-leaving')).slice(-1);
    expect(event).toMatchObject({ type: 'UserDisabled', metadata: { userId: 'admin', reason: 'left the mission' } });
  });

  it('records the signed-in user, not a header, in every event', async () => {
    const monitor = await tracker.client('monitor');
    const created = await monitor.post('/api/incidents').set('X-User-Id', 'someone-else').send(kidalReport()).expect(201);
    const [event] = await tracker.store.readStream(`incident-${created.body.id}`);
    expect(event.metadata.userId).toBe('monitor-1');
  });
});

describe('First start', () => {
  it('has no default password, and prints a generated one once', async () => {
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
    let tracker: TestTracker | undefined;
    try {
      tracker = await startTestTracker({ auth: { bootstrapAdminPassword: undefined } });
    } finally {
      process.stdout.write = write;
    }
    const http = request(tracker.app.getHttpServer());
    const password = /password "([^"]+)"/.exec(printed.join(''))?.[1];
    expect(password).toBeDefined();
    for (const guess of ['admin', 'password', TEST_PASSWORD, '']) {
      expect((await http.post('/api/auth/login').send({ username: 'admin', password: guess })).status).not.toBe(200);
    }
    await http.post('/api/auth/login').send({ username: 'admin', password }).expect(200);
    await tracker.close();
  });
});
