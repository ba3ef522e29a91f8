import jwt from 'jsonwebtoken';
import pg from 'pg';
import request from 'supertest';
import { kidalReport } from '../../../test/fixtures.js';
import { SIGN_IN_CHECK_TTL_MS } from '../src/auth/recent-reads.js';
import { TEST_PASSWORD, startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/** Regression tests for issue 13: each `describe` is one of the ways an outside tester broke in. */
describe('Under attack', () => {
  let tracker: TestTracker;
  let monitor: SignedClient;
  let admin: SignedClient;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    tracker = await startTestTracker();
    await tracker.registerActors(kidalReport().actors.map((a) => a.actorId));
    monitor = await tracker.client('monitor');
    admin = await tracker.client('admin');
    http = request(tracker.app.getHttpServer());
  });
  afterAll(() => tracker.close());

  const createUser = (username: string, roles: string[]) => admin.post('/api/users').send({ username, password: TEST_PASSWORD, roles }).expect(201);
  const signIn = async (username: string, password = TEST_PASSWORD) => {
    const answer = await http.post('/api/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${answer.body.accessToken}` };
  };
  const canRead = async (headers: { Authorization: string }) => (await http.get('/api/incidents/map').set(headers)).status;

  describe('3. a source made confidential later', () => {
    const LATER = 'MADE-CONFIDENTIAL-LATER-51c2';

    it('is withheld from monitors and analysts in every earlier event, history, diff, past version and timeline entry', async () => {
      const body = { ...kidalReport(), occurredAt: '2014-05-21' };
      body.sources = [...body.sources, { kind: 'local_contact', reference: LATER, reliability: 'unconfirmed', confidential: false }];
      const created = await monitor.post('/api/incidents').send(body).expect(201);
      const reportedAt = new Date().toISOString();
      const reviewer = await tracker.client('reviewer');
      const history = await reviewer.get(`/api/incidents/${created.body.id}/history`).expect(200);
      const sources = history.body.events[0].data.sources.map((s: { confidential: boolean; reference: string }) => (s.reference === LATER ? { ...s, confidential: true } : s));
      const amended = await reviewer
        .patch(`/api/incidents/${created.body.id}`)
        .send({ expectedVersion: 1, changes: { sources }, reason: 'the contact is at risk' })
        .expect(200);
      await reviewer.get(`/api/incidents/${created.body.id}`).query({ minPosition: amended.body.position }).expect(200);
      await reviewer.get('/api/timeline').query({ from: '2014-05-21', to: '2014-05-21', minPosition: amended.body.position }).expect(200);

      const reads = [
        `/api/incidents/${created.body.id}`,
        `/api/incidents/${created.body.id}/history`,
        `/api/incidents/${created.body.id}/diff?from=2000-01-01T00:00:00Z&to=${encodeURIComponent(reportedAt)}`,
        `/api/incidents/${created.body.id}/diff?from=2000-01-01T00:00:00Z`,
        `/api/incidents?asOf=${encodeURIComponent(reportedAt)}&from=2014-05-21&to=2014-05-21`,
        `/api/timeline?from=2014-05-21&to=2014-05-21`,
        `/api/timeline?from=2014-05-21&to=2014-05-21&asOf=${encodeURIComponent(reportedAt)}`,
        '/api/incidents/export?format=csv',
      ];
      for (const role of ['analyst', 'monitor', 'reviewer'] as const) {
        const client = role === 'monitor' ? monitor : await tracker.client(role);
        const answers = await Promise.all(reads.map(async (path) => ({ path, answer: await client.get(path) })));
        const shown = answers.filter(({ answer }) => answer.status === 200 && answer.text.includes(LATER)).map(({ path }) => path);
        // The reference is there for a reviewer (record, history, both diffs), so its absence means something.
        if (role === 'reviewer') expect(shown).toHaveLength(4);
        else expect({ role, shown }).toEqual({ role, shown: [] });
      }
      // Every stored past version of the record says so too, as a rebuild would.
      const versions: { confidential: boolean[] }[] = await tracker.readModels.query(
        `SELECT array(SELECT (s->>'confidential')::boolean FROM jsonb_array_elements(record->'details'->'sources') s WHERE s->>'kind' = 'local_contact') AS confidential
         FROM incident_versions WHERE id = $1 ORDER BY version`,
        [created.body.id],
      );
      expect(versions).toEqual([{ confidential: [true] }, { confidential: [true] }]);
    });
  });

  describe('4. one Idempotency-Key, many bodies at once', () => {
    it('accepts exactly one of 20 different bodies sent in parallel, records that one, and refuses the 19 others with 422', async () => {
      const before = await tracker.eventCount();
      const bodies = Array.from({ length: 20 }, (_, i) => ({ ...kidalReport(), description: `parallel body ${i}` }));
      const answers = await Promise.all(bodies.map((body) => monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(body)));
      const accepted = answers.filter((a) => a.status === 201);
      expect(accepted).toHaveLength(1);
      expect(answers.filter((a) => a.status === 422).every((a) => a.body.code === 'idempotency_key_reused')).toBe(true);
      expect(answers.filter((a) => a.status === 422)).toHaveLength(19);
      expect(await tracker.eventCount()).toBe(before + 1);

      const winner = bodies[answers.indexOf(accepted[0])];
      const history = await monitor.get(`/api/incidents/${accepted[0].body.id}/history`).expect(200);
      expect(history.body.events).toHaveLength(1);
      expect(history.body.events[0].data.description).toBe(winner.description);
      // The winner's retry replays its answer; any other body stays refused.
      const retry = await monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(winner).expect(201);
      expect(retry.body).toEqual(accepted[0].body);
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(bodies[(answers.indexOf(accepted[0]) + 1) % 20]).expect(422);
    });

    it('accepts 20 copies of one body sent in parallel as one report, answering each the same', async () => {
      const before = await tracker.eventCount();
      const body = { ...kidalReport(), description: 'one body, twenty sends' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-2').send(body)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('accepts one of 20 amendments with one key and different bodies, sent in parallel', async () => {
      const created = await monitor.post('/api/incidents').send(kidalReport()).expect(201);
      const before = await tracker.eventCount();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          monitor
            .patch(`/api/incidents/${created.body.id}`)
            .set('Idempotency-Key', 'k-race-3')
            .send({ expectedVersion: 1, changes: { harm: { killed: 10 + i, injured: 20, abducted: 0 } }, reason: `count ${i}` }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 422)).toHaveLength(19);
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('frees a key whose request was refused, so it can carry a corrected one', async () => {
      const bad = { ...kidalReport(), location: { ...kidalReport().location, lat: 123 } };
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-refused-1').send(bad).expect(400);
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-refused-1').send(kidalReport()).expect(201);
    });
  });

  describe('5. tokens end with the account change that should end them', () => {
    it('a password change ends every token issued before it, the changed-from session included', async () => {
      await createUser('tok-password', ['monitor']);
      const [first, second] = [await signIn('tok-password'), await signIn('tok-password')];
      expect(await canRead(first)).toBe(200);
      await http.post('/api/auth/password').set(first).send({ currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' }).expect(204);
      expect(await canRead(first)).toBe(401);
      const ended = await http.get('/api/incidents/map').set(second).expect(401);
      expect(ended.body.code).toBe('session_ended');
      expect(await canRead(await signIn('tok-password', 'another long passphrase'))).toBe(200);
    });

    it('a token issued before a disabling stays dead after the account is enabled again', async () => {
      await createUser('tok-disabled', ['analyst']);
      const before = await signIn('tok-disabled');
      await admin.post('/api/users/tok-disabled/disabling').send({ reason: 'laptop stolen' }).expect(200);
      expect(await canRead(before)).toBe(401);
      await admin.post('/api/users/tok-disabled/enabling').expect(200);
      expect(await canRead(before)).toBe(401);
      expect(await canRead(await signIn('tok-disabled'))).toBe(200);
    });

    it('taking a role away ends earlier tokens; adding one does not', async () => {
      await createUser('tok-roles', ['monitor', 'analyst']);
      const before = await signIn('tok-roles');
      await admin.put('/api/users/tok-roles/roles').send({ roles: ['monitor', 'analyst', 'reviewer'] }).expect(200);
      expect(await canRead(before)).toBe(200);
      await admin.put('/api/users/tok-roles/roles').send({ roles: ['monitor'] }).expect(200);
      expect(await canRead(before)).toBe(401);
    });

    it('a second API instance honours a role given through the first at once, and a role taken away or a sign-out within SIGN_IN_CHECK_TTL_MS', async () => {
      const second = await startTestTracker({ databaseUrl: tracker.databaseUrl, projections: 'off' });
      try {
        const there = request(second.app.getHttpServer());
        const listUsersThere = async (headers: { Authorization: string }) => (await there.get('/api/users').set(headers)).status;
        await createUser('tok-instances', ['monitor']);
        const token = await signIn('tok-instances');
        // The second instance has read the account just now, without the role.
        expect(await listUsersThere(token)).toBe(403);
        await admin.put('/api/users/tok-instances/roles').send({ roles: ['monitor', 'admin'] }).expect(200);
        expect(await listUsersThere(token)).toBe(200);

        await admin.put('/api/users/tok-instances/roles').send({ roles: ['monitor'] }).expect(200);
        await new Promise((resolve) => setTimeout(resolve, SIGN_IN_CHECK_TTL_MS + 100));
        const ended = await there.get('/api/incidents/map').set(token).expect(401);
        expect(ended.body.code).toBe('session_ended');

        const fresh = await signIn('tok-instances');
        expect((await there.get('/api/incidents/map').set(fresh)).status).toBe(200);
        await http.post('/api/auth/logout').set(fresh).expect(204);
        await new Promise((resolve) => setTimeout(resolve, SIGN_IN_CHECK_TTL_MS + 100));
        const signedOut = await there.get('/api/incidents/map').set(fresh).expect(401);
        expect(signedOut.body.code).toBe('token_revoked');
      } finally {
        await second.close();
      }
    });
  });

  describe('6. read-model access alone does not make an administrator', () => {
    it('a role given every read-model table can read incidents but neither the token secret nor the source keys', async () => {
      await monitor.post('/api/incidents').send(kidalReport()).expect(201);
      const role = `reader_${Date.now()}`;
      await tracker.readModels.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader-password'`);
      await tracker.readModels.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await tracker.readModels.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      const url = new URL(tracker.databaseUrl);
      url.username = role;
      url.password = 'reader-password';
      const reader = new pg.Client({ connectionString: url.toString() });
      await reader.connect();
      try {
        expect((await reader.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBeGreaterThan(0);
        for (const table of ['secrets.auth_secrets', 'secrets.source_keys']) {
          await expect(reader.query(`SELECT * FROM ${table}`)).rejects.toMatchObject({ code: '42501' });
        }
        const tables = await reader.query(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('auth_secrets', 'source_keys')`);
        expect(tables.rows).toEqual([]);
      } finally {
        await reader.end();
        await tracker.readModels.query(`DROP OWNED BY ${role}`);
        await tracker.readModels.query(`DROP ROLE ${role}`);
      }
    });
  });

  describe('8. smaller points', () => {
    it('marks every API answer Cache-Control: no-store — records, lists, errors and sign-in', async () => {
      const created = await monitor.post('/api/incidents').send(kidalReport()).expect(201);
      const answers = await Promise.all([
        monitor.get(`/api/incidents/${created.body.id}`).query({ minPosition: created.body.position }),
        monitor.get(`/api/incidents/${created.body.id}/history`),
        monitor.get('/api/incidents/map'),
        monitor.get('/api/reference/taxonomy'),
        http.get('/api/incidents/map'),
        http.post('/api/auth/login').send({ username: 'admin', password: TEST_PASSWORD }),
      ]);
      expect(answers.map((a) => [a.status, a.headers['cache-control']])).toEqual([
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [401, 'no-store'],
        [200, 'no-store'],
      ]);
      expect(created.headers['cache-control']).toBe('no-store');
    });

    it('answers 401, not 500, to a well-signed token whose claims are not of our shape', async () => {
      const [{ value: secret }] = await tracker.readModels.query(`SELECT value FROM secrets.auth_secrets WHERE name = 'token_signing'`);
      for (const claims of [
        { sub: 'admin', jti: 'not-a-uuid', gen: 0 },
        { sub: 'admin', jti: "1' OR '1'='1", gen: 0 },
        { sub: 'admin', gen: 0 },
        { sub: 42, jti: '00000000-0000-4000-8000-000000000002', gen: 0 },
        { sub: 'admin', jti: '00000000-0000-4000-8000-000000000003', gen: 'x' },
      ]) {
        const token = jwt.sign(claims, secret, { expiresIn: 60 });
        const answer = await http.get('/api/incidents/map').set('Authorization', `Bearer ${token}`);
        expect([JSON.stringify(claims), answer.status]).toEqual([JSON.stringify(claims), 401]);
      }
    });

    it('keeps the last active administrator: it cannot be disabled or lose the admin role (422), until another exists', async () => {
      const refused = await admin.post('/api/users/admin/disabling').send({ reason: 'by mistake' }).expect(422);
      expect(refused.body.code).toBe('last_admin');
      await admin.put('/api/users/admin/roles').send({ roles: ['analyst'] }).expect(422);
      await createUser('second-admin', ['admin']);
      await admin.put('/api/users/second-admin/roles').send({ roles: ['analyst'] }).expect(200);
      await admin.put('/api/users/admin/roles').send({ roles: ['analyst'] }).expect(422);
      await admin.put('/api/users/second-admin/roles').send({ roles: ['admin'] }).expect(200);
      // Two administrators disabling each other at once: one of them stays.
      const second = await signIn('second-admin');
      const answers = await Promise.all([
        admin.post('/api/users/second-admin/disabling').send({ reason: 'race' }),
        http.post('/api/users/admin/disabling').set(second).send({ reason: 'race' }),
      ]);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      const survivor = answers[0].status === 200 ? admin : { get: (url: string) => http.get(url).set(second) };
      const users = await survivor.get('/api/users').expect(200);
      expect(users.body.users.filter((u: { roles: string[]; status: string }) => u.status === 'active' && u.roles.includes('admin'))).toHaveLength(1);
    });
  });
});
