import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTrackerApp } from '../src/app.js';
import { unlockUser } from '../../cli/src/commands/users-unlock.js';
import { kidalReport } from '../../../test/fixtures.js';
import { TEST_PASSWORD, startTestTracker, testAuthSettings, type TestTracker } from '../../../test/tracker.js';

interface Answer {
  status: number;
  retryAfter?: string;
  body: { accessToken?: string; error?: string; retryAfter?: number };
  ms: number;
}

/** A request from one loopback address (127.0.0.x), as from one client machine. */
function send(app: NestExpressApplication, from: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, localAddress: from, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: text ? JSON.parse(text) : {}, ms: Date.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const LIMITS = { failuresPerAddress: 5, failuresBeforeSlowing: 3, maxDelayMs: 400, failuresBeforeStrangersWait: 20 };

/** Issue 13, point 7 and the rate limits of point 8. */
describe('Sign-in throttling and rate limits', () => {
  let tracker: TestTracker;
  const signIn = (from: string, username: string, password: string) => send(tracker.app, from, 'POST', '/api/auth/login', { username, password });

  beforeAll(async () => {
    tracker = await startTestTracker({ auth: { signInLimits: LIMITS, writesPerMinute: 6, loginsPerMinute: 1000 } });
    await tracker.registerActors(kidalReport().actors.map((a) => a.actorId));
    await tracker.app.listen(0, '127.0.0.1');
    for (const name of ['victim', 'writer']) await tracker.as('monitor', name);
  });
  afterAll(() => tracker.close());

  it('checks only 5 of 18 wrong passwords sent at once from one address; the rest wait (429)', async () => {
    const answers = await Promise.all(Array.from({ length: 18 }, (_, i) => signIn('127.0.0.2', 'victim', `wrong guess ${i}`)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(13);
    const waiting = answers.find((a) => a.status === 429)!;
    expect(waiting.body).toMatchObject({ error: 'too_many_failed_logins', retryAfter: expect.any(Number) });
    expect(waiting.retryAfter).toBe(String(waiting.body.retryAfter));
  });

  it("refuses that address even the right password, but lets the owner in from another address, slowed down, not locked", async () => {
    expect((await signIn('127.0.0.2', 'victim', TEST_PASSWORD)).status).toBe(429);
    const owner = await signIn('127.0.0.3', 'victim', TEST_PASSWORD);
    expect(owner.status).toBe(200);
    // Five failures on the account, past the three after which every attempt waits.
    expect(owner.ms).toBeGreaterThanOrEqual(LIMITS.maxDelayMs - 20);
  });

  it('after many failures from many addresses, lets only addresses the account signed in from before try', async () => {
    const strangers = Array.from({ length: 8 }, (_, i) => `127.0.1.${i + 1}`);
    const failed = await Promise.all(strangers.flatMap((from) => [1, 2].map((n) => signIn(from, 'victim', `guess ${n}`))));
    expect(failed.every((a) => a.status === 401)).toBe(true); // 5 + 16 = 21 failures on the account
    const newcomer = await signIn('127.0.2.1', 'victim', TEST_PASSWORD);
    expect(newcomer).toMatchObject({ status: 429, body: { error: 'too_many_failed_logins' } });
    expect((await signIn('127.0.0.3', 'victim', TEST_PASSWORD)).status).toBe(200);
  });

  it('`users:unlock` clears the counts: every address may sign in again at once', async () => {
    expect(await unlockUser(tracker.readModels, 'victim')).toMatch(/^victim: \d+ count\(s\) of failed sign-ins cleared/);
    const again = await signIn('127.0.0.2', 'victim', TEST_PASSWORD);
    expect(again.status).toBe(200);
    expect(again.ms).toBeLessThan(LIMITS.maxDelayMs);
    expect((await signIn('127.0.2.1', 'victim', TEST_PASSWORD)).status).toBe(200);
    expect(await unlockUser(tracker.readModels, 'victim')).toBe('victim: no failed sign-ins counted');
  });

  it('counts writes per user in PostgreSQL: two API instances, five spellings of one token, one quota', async () => {
    const { accessToken } = (await signIn('127.0.0.4', 'writer', TEST_PASSWORD)).body;
    const other = await createTrackerApp({ store: tracker.store, readModels: tracker.readModels, projections: 'off', demoData: false, auth: testAuthSettings({ writesPerMinute: 6 }), logger: ['error'] });
    await other.listen(0, '127.0.0.1');
    try {
      const spellings = [`Bearer ${accessToken}`, `bearer ${accessToken}`, `BEARER ${accessToken}`, `Bearer  ${accessToken}`, `Bearer\t${accessToken}`, `Bearer ${accessToken}`, `bearer ${accessToken}`, `Bearer ${accessToken}`];
      const answers = await Promise.all(
        spellings.map((authorization, i) => send(i % 2 ? other : tracker.app, '127.0.0.4', 'POST', '/api/incidents', kidalReport(), { authorization })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 429, 429]);
      expect(answers.find((a) => a.status === 429)!.body.error).toBe('rate_limited');
    } finally {
      await other.close();
    }
  });
});
