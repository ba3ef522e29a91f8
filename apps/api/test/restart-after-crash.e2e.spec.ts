import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import getPort from 'get-port';
import { kidalReport } from '../../../test/fixtures.js';
import { TEST_PASSWORD } from '../../../test/tracker.js';

const ROOT = join(import.meta.dirname, '../../..');
/** Kill -9 rounds before the last start (each: start, writes under way, kill -9 mid-flight). */
const CRASHES = Number(process.env.RESTART_CRASHES ?? 2);
const WRITERS = 6;

/**
 * Issue 12, part 3: `kill -9` of the tracker leaves its embedded PostgreSQL running on the data
 * directory, and the next start used to fail ("lock file postmaster.pid already exists"). The
 * compiled app runs as a child with its own data directory and ports; it is killed while writes
 * are under way, started again, and every acknowledged report must be there exactly once.
 */
describe('npm start after kill -9', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    // What `npm start` runs, without the web bundle (the API serves it only when present).
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
    dataDir = await mkdtemp(join(tmpdir(), 'tracker-restart-'));
    const port = await getPort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await getPort()),
      DEMO_DATA: 'false',
      BOOTSTRAP_ADMIN_PASSWORD: TEST_PASSWORD,
      WRITES_PER_MINUTE: '100000',
      LOGINS_PER_MINUTE: '1000',
    };
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    // Whatever happened, no PostgreSQL is left behind on the throw-away directory.
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0 && running(pid)) {
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 50 && running(pid); i++) await sleep(100);
      if (running(pid)) process.kill(pid, 'SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function start(): Promise<ChildProcess> {
    output = '';
    const started = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk) => (output += chunk));
    started.stderr?.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 600; i++) {
      if (started.exitCode !== null) throw new Error(`the tracker exited with ${started.exitCode}:\n${output}`);
      const live = await fetch(`${base}/api/health/live`).catch(() => undefined);
      if (live?.ok) return started;
      await sleep(100);
    }
    throw new Error(`the tracker did not start within 60 s:\n${output}`);
  }

  async function call(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }
  const signIn = async (username: string) => (await call('/api/auth/login', { method: 'POST', body: { username, password: TEST_PASSWORD } })).body.accessToken as string;

  it(`starts again after ${CRASHES} kills with writes in flight, with every acknowledged report there once`, async () => {
    const acknowledged: string[] = [];
    let attempted = 0;
    for (let round = 0; round <= CRASHES; round++) {
      child = await start();
      if (round > 0) expect(output).toContain('was left running on');
      if (round === CRASHES) break;
      const admin = await signIn('admin');
      if (round === 0) {
        expect((await call('/api/users', { method: 'POST', token: admin, body: { username: 'reviewer-1', password: TEST_PASSWORD, roles: ['reviewer'] } })).status).toBe(201);
        for (const [id, kind, inter] of [['mnla', 'rebel_group', 2], ['fama', 'state_forces', 1]] as const) {
          expect((await call('/api/actors', { method: 'POST', token: admin, body: { id, name: id.toUpperCase(), shortName: id.toUpperCase(), kind, inter } })).status).toBe(201);
        }
      }
      const token = await signIn('reviewer-1');
      // Writers report until the process dies under them; only 201s count as acknowledged.
      const before = acknowledged.length;
      const writers = Array.from({ length: WRITERS }, async () => {
        for (;;) {
          attempted++;
          const response = await call('/api/incidents', { method: 'POST', token, body: { ...kidalReport(), description: `restart round ${round}` } }).catch(() => undefined);
          if (!response) return;
          if (response.status === 201) acknowledged.push(response.body.id);
        }
      });
      while (acknowledged.length - before < 40) await sleep(20);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      await Promise.all(writers);
      // The crash this test is about: the server outlived the tracker, holding its directory.
      const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      expect(running(pid)).toBe(true);
    }

    const token = await signIn('reviewer-1');
    const head = await call('/api/health', { token: await signIn('admin') });
    expect(head.status).toBe(200);
    const list = await call(`/api/incidents?limit=50000&minPosition=${encodeURIComponent(head.body.eventStore.head)}`, { token });
    const ids: string[] = list.body.features.map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(acknowledged));
    expect(ids.length).toBeLessThanOrEqual(attempted);
    for (const id of acknowledged) {
      const history = await call(`/api/incidents/${id}/history`, { token });
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['IncidentReported']);
    }
    console.log(`restart after kill -9: ${CRASHES} crashes, ${acknowledged.length} acknowledged reports of ${attempted} sent, ${ids.length} in the record, each once`);

    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    // A clean stop takes the server down with it.
    await expect(readFile(join(dataDir, 'postmaster.pid'), 'utf8')).rejects.toThrow(/ENOENT/);
  }, 240_000);
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
