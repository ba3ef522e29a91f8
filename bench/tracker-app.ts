/**
 * The built tracker as a child process for the benchmarks (`node dist/apps/api/src/main.js`),
 * on a given database or on a fresh embedded PostgreSQL in a temporary directory, signed in
 * as the benchmarks' account; and the CPU time it and its PostgreSQL processes use (from /proc,
 * so that a phase can say where the time went).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { embeddedPasswordOf } from '../libs/database/src/embedded-postgres.js';
import { BENCH_APP_ENV } from './bench-account.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = join(ROOT, 'dist/apps/api/src/main.js');

export interface RunningApp {
  baseUrl: string;
  /** The tracker's database, for the benchmark's own connections. */
  databaseUrl: string;
  pid: number;
  /** The child's recent output, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startTrackerApp(options: {
  /** The database to use; without it, an embedded PostgreSQL of the app's own in a temporary directory. */
  databaseUrl?: string;
  /** More environment for the app (e.g. DEMO_DATA). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<RunningApp> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (the bench:* scripts that need it do)`);
  const port = await getPort();
  let database: { env: Record<string, string>; url: string; dataDir?: string };
  if (options.databaseUrl) {
    database = { env: { DATABASE_URL: options.databaseUrl }, url: options.databaseUrl };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'tracker-bench-'));
    // Under root the embedded server runs as a `postgres` user, which must reach its data directory.
    await chmod(dataDir, 0o755);
    const pgPort = await getPort();
    // Made here, before the app's first start, which then gives it to the new cluster's superuser.
    const password = await embeddedPasswordOf(join(dataDir, 'pg'));
    database = {
      env: { DATABASE_URL: '', EMBEDDED_PG_DIR: join(dataDir, 'pg'), EMBEDDED_PG_PORT: String(pgPort) },
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/tracker`,
      dataDir,
    };
  }
  const lines: string[] = [];
  // BENCH_CPU_PROF=<dir>, for any benchmark: the app writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...BENCH_APP_ENV,
      ...database.env,
      EVENT_STORE: 'postgres',
      PORT: String(port),
      PROJECTIONS: 'inline',
      DEMO_DATA: 'false',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    baseUrl,
    databaseUrl: database.url,
    pid: child.pid!,
    output: () => lines.join('\n'),
    stop: async () => {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exit;
        clearTimeout(timer);
      }
      // Retries: the stopped server may still be writing its last files for a moment.
      if (database.dataDir) await rm(database.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) {
      await app.stop();
      throw new Error(`the tracker exited (code ${exited}) before it was ready:\n${app.output()}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the tracker did not answer /api/health within 180 s:\n${app.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  options.log?.(`tracker ready on ${baseUrl} (pid ${child.pid}, ${database.dataDir ? `embedded PostgreSQL, data in ${database.dataDir}` : 'on the given database'})`);
  return app;
}

const TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds used so far by the app's Node process and by the PostgreSQL processes under
 * `postgresUnder` (the app, when it runs its own embedded server; else whoever started it).
 */
export function cpuOf(appPid: number, postgresUnder = appPid): { node: number; postgres: number } {
  const { node, postgres } = cpuByProcess(appPid, postgresUnder, true);
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { node: sum(node), postgres: sum(postgres) };
}

/**
 * As `cpuOf`, process by process (a process that has ended is no longer there to read). With
 * `withEnded`, a PostgreSQL process counts its ended children too (a backend closed by its pool),
 * so that a sum over the processes never goes back; a sampler that keeps each process's last
 * sample must not ask for it (it would count them twice).
 */
export function cpuByProcess(appPid: number, postgresUnder = appPid, withEnded = false): { node: Map<number, number>; postgres: Map<number, number> } {
  const parent = new Map<number, number>();
  const seconds = new Map<number, number>();
  const children = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[0] = state, [1] = ppid, [11] = utime, [12] = stime, [13] = cutime, [14] = cstime (its ended children)
      const pid = Number(entry);
      parent.set(pid, Number(fields[1]));
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS);
      children.set(pid, (Number(fields[13]) + Number(fields[14])) / TICKS);
      names.set(pid, name);
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++)
      if (p === postgresUnder) return true;
    return false;
  };
  const node = new Map<number, number>();
  const postgres = new Map<number, number>();
  for (const [pid, s] of seconds) {
    if (pid === appPid) node.set(pid, s);
    else if ((names.get(pid) ?? '').startsWith('postgres') && descends(pid)) postgres.set(pid, s + (withEnded ? (children.get(pid) ?? 0) : 0));
  }
  return { node, postgres };
}

/** The whole machine from /proc/stat: busy and stolen CPU seconds, all CPUs together. */
function machineCpu(): { busy: number; steal: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal guest guest_nice
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return { busy: (user + nice + system + irq + softirq) / TICKS, steal: steal / TICKS };
}

export interface CpuShare {
  /** the app's Node process */
  node: number;
  /** its embedded PostgreSQL */
  postgres: number;
  /** this process: autocannon, the poller, the loader */
  bench: number;
  /** everything else on the machine (other work sharing it) */
  others: number;
  /** time the hypervisor gave to other guests */
  steal: number;
  /** seconds between the two samples */
  wall: number;
}

/** Cores busy on the whole machine over `ms` (before the benchmark: other work sharing it). */
export async function machineLoad(ms: number): Promise<number> {
  const before = machineCpu();
  await new Promise((r) => setTimeout(r, ms));
  return (machineCpu().busy - before.busy) / (ms / 1000);
}

/** CPU use between two samples as cores busy (1.0 = one core fully). */
export class CpuMeter {
  private start: ReturnType<CpuMeter['sample']>;

  constructor(
    private readonly appPid: number,
    private readonly postgresUnder = appPid,
  ) {
    this.start = this.sample();
  }

  private sample() {
    const { user, system } = process.cpuUsage();
    return {
      ...cpuOf(this.appPid, this.postgresUnder),
      ...machineCpu(),
      // Measuring this very process as the app: nothing of it is the bench's own.
      bench: this.appPid === process.pid ? 0 : (user + system) / 1e6,
      at: performance.now(),
    };
  }

  read(): CpuShare {
    const end = this.sample();
    const wall = (end.at - this.start.at) / 1000;
    const d = (key: 'node' | 'postgres' | 'bench' | 'busy' | 'steal') =>
      (end[key] - this.start[key]) / wall;
    return {
      node: d('node'),
      postgres: d('postgres'),
      bench: d('bench'),
      others: Math.max(0, d('busy') - d('node') - d('postgres') - d('bench')),
      steal: d('steal'),
      wall,
    };
  }
}
