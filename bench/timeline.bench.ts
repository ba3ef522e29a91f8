/**
 * `npm run bench:timeline`: the timeline, the record "as known at", and rebuilds, at 1,000,000 events.
 *
 *   1. Builds the project (`npm run build`; BENCH_SKIP_BUILD=1 skips it), starts a fresh embedded
 *      PostgreSQL with its default durable settings in a temporary directory (or uses a new
 *      database on DATABASE_URL's server).
 *   2. Loads the events straight into the event store's tables with batched SQL (the rows
 *      `append_to_stream` would write, 5,000 per statement, in recorded order): incidents over
 *      2000–2025 around the gazetteer's towns, each reported, amended, re-verified (some retracted,
 *      some amended twice), and 2 % of them with a violation review (allegation, finding).
 *   3. Reads every event once through the store's catch-up (the floor of a rebuild), then rebuilds every projection with the real CLI, `node dist/apps/cli/src/main.js
 *      projections:rebuild --all`, from the first event into fresh tables and switching over:
 *      events/s over the wall time, and the CLI's peak RSS (VmHWM from /proc).
 *   4. Starts the built API (`node dist/apps/api/src/main.js`) on those tables and measures with
 *      autocannon, latency percentiles over every response: GET /api/timeline around random
 *      anchors with a 14-day window (a region, the whole map, an incident anchor), and `asOf`
 *      queries of /api/timeline and /api/incidents at random moments; and the CPU the API's
 *      Node process and PostgreSQL spent per request (from /proc).
 *   5. Writes the figures under "## Timeline and rebuild (npm run bench:timeline)" in
 *      docs/BENCHMARKS.md (that section only).
 *
 * Knobs: BENCH_EVENTS (1000000), BENCH_SECONDS (10 per line), BENCH_CONNECTIONS (1,8),
 * BENCH_BATCH (rebuild batch size, 2000), BENCH_SKIP_BUILD, DATABASE_URL, BENCH_NO_DOCS=1,
 * BENCH_REBUILD_ONLY=1 (load, raw read and rebuild only: prints the section, writes nothing).
 */
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { v4 as uuidv4 } from 'uuid';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import { int, log, measureGets, ms, type GetLatencies } from './api-stats.js';
import { benchAuthorization } from './bench-account.js';
import { CpuMeter, cpuByProcess, startTrackerApp, type RunningApp } from './tracker-app.js';
import { createPostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store.js';
import { catchUp } from '../libs/event-store/src/catch-up.js';
import { START } from '../libs/event-store/src/event-store.js';
import { seededRandom } from '../test/seeded-random.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,8').split(',').map(Number);
const REBUILD_BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const LOAD_BATCH = 5000;
const FIRST_DAY = Date.UTC(2000, 0, 1);
const DAYS = Math.round((Date.UTC(2026, 0, 1) - FIRST_DAY) / 86_400_000);
const DAY = 86_400_000;
const KIDAL_REGION = '0,17.5,2,20.5';


// ------------------------------------------------------------------------------------------------
// Data


interface Place {
  name: string;
  lat: number;
  lon: number;
  admin1: string;
}

interface Row {
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: object;
  metadata: object;
  recorded_at: string;
}

const PERPETRATORS = ['mnla', 'hcua', 'maa', 'gatia', 'mujao', 'aqim', 'ansar-dine', 'unidentified-armed-group'];
const KINDS = [
  { type: 'battles', subType: 'armed_clash', targets: ['state_forces'] },
  { type: 'explosions_remote_violence', subType: 'remote_explosive_landmine_ied', targets: ['peacekeepers'] },
  { type: 'explosions_remote_violence', subType: 'shelling_artillery_missile_attack', targets: ['peacekeepers'] },
  { type: 'violence_against_civilians', subType: 'attack', targets: ['civilians'] },
  { type: 'violence_against_civilians', subType: 'abduction_forced_disappearance', targets: ['humanitarian_workers'] },
] as const;

/**
 * The events of the whole period in recorded order, `LOAD_BATCH` rows at a time: incidents are
 * made day by day of occurrence, their later events put in buckets by the day they are recorded,
 * and a day's bucket is written once no incident made later can add to it.
 */
function* generate(totalEvents: number, places: Place[]): Generator<Row[]> {
  const r = seededRandom(6_2014);
  const incidents = Math.round(totalEvents / 4.04);
  const perDay = incidents / DAYS;
  const buckets = new Map<number, Row[]>();
  const put = (row: Row) => {
    const day = Math.floor((Date.parse(row.recorded_at) - FIRST_DAY) / DAY);
    (buckets.get(day) ?? buckets.set(day, []).get(day)!).push(row);
  };
  let pending: Row[] = [];
  let made = 0;
  for (let day = 0; day < DAYS + 90; day++) {
    const today = day < DAYS ? Math.round((day + 1) * perDay) - Math.round(day * perDay) : 0;
    for (let n = 0; n < today && made < incidents; n++, made++) {
      const id = uuidv4();
      const stream = `incident-${id}`;
      const scattered = r.next() < 0.15;
      const base = r.pick(places);
      const location = scattered
        ? { lat: 14 + r.next() * 7, lon: -6 + r.next() * 10, place: `${base.name} area`, admin1: base.admin1, precision: 'region' }
        : { lat: base.lat + (r.next() - 0.5) * 0.3, lon: base.lon + (r.next() - 0.5) * 0.3, place: base.name, admin1: base.admin1, precision: 'near' };
      const kind = r.pick(KINDS);
      const occurred = FIRST_DAY + day * DAY;
      const perpetrator = r.next() < 0.4 ? 'unidentified-armed-group' : r.pick(PERPETRATORS);
      const details = {
        occurredAt: new Date(occurred).toISOString().slice(0, 10),
        timePrecision: 'day',
        location,
        type: kind.type,
        subType: kind.subType,
        targets: kind.targets,
        actors: [
          { actorId: perpetrator, role: 'perpetrator' },
          { actorId: kind.targets[0] === 'peacekeepers' ? 'minusma' : kind.targets[0] === 'state_forces' ? 'fama' : 'civilians', role: 'target' },
        ],
        harm: { killed: r.int(0, 6), injured: r.int(0, 10), abducted: kind.subType === 'abduction_forced_disappearance' ? r.int(1, 4) : 0 },
        description: `${kind.subType.replaceAll('_', ' ')} near ${base.name}, reported by the local team; figures from the first account, to be confirmed.`,
        sources: [{ id: `src-${made}`, kind: 'monitor', reference: `Team report ${made} (bench)`, reliability: 'unconfirmed', confidential: false }],
      };
      let at = occurred + r.int(2, 46) * 3_600_000;
      const meta = (userId: string) => ({ userId, commandId: uuidv4() });
      const rows: Omit<Row, 'version'>[] = [
        { event_id: uuidv4(), stream_id: stream, type: 'IncidentReported', data: { incidentId: id, ...details }, metadata: meta('monitor'), recorded_at: new Date(at).toISOString() },
      ];
      const later = (type: string, data: object, userId: string) => {
        at += r.int(3, 240) * 3_600_000;
        rows.push({ event_id: uuidv4(), stream_id: stream, type, data: { incidentId: id, ...data }, metadata: meta(userId), recorded_at: new Date(at).toISOString() });
      };
      later('IncidentAmended', r.next() < 0.5
        ? { changes: { harm: { killed: details.harm.killed + r.int(0, 5), injured: details.harm.injured, abducted: details.harm.abducted } }, reason: 'Casualty count revised.' }
        : { changes: { actors: [{ actorId: r.pick(PERPETRATORS.slice(0, 7)), role: 'perpetrator' }, details.actors[1]] }, reason: 'Attribution established.' }, 'monitor');
      later('IncidentVerificationChanged', { from: 'reported', to: 'corroborated', note: 'Confirmed by a second account.' }, 'reviewer');
      const last = r.next();
      if (last < 0.1) later('IncidentRetracted', { reason: 'false_report', note: 'Not confirmed on site.' }, 'reviewer');
      else if (last < 0.6) later('IncidentVerificationChanged', { from: 'corroborated', to: 'verified', note: 'Site visit by a joint team.' }, 'reviewer');
      else later('IncidentAmended', { changes: { description: `${details.description} Confirmed on site.` }, reason: 'Follow-up.' }, 'monitor');
      rows.forEach((row, i) => put({ ...row, version: i + 1 }));

      if (r.next() < 0.02) {
        const reviewId = uuidv4();
        const alleged = occurred + r.int(3, 10) * DAY;
        put({
          event_id: uuidv4(), stream_id: `review-${reviewId}`, version: 1, type: 'ViolationAlleged', metadata: meta('ctms-secretariat'), recorded_at: new Date(alleged).toISOString(),
          data: { reviewId, incidentId: id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: [perpetrator], note: 'Alleged breach of the ceasefire.', incidentDate: details.occurredAt },
        });
        const outcome = r.pick(['violation', 'no_violation', 'inconclusive'] as const);
        put({
          event_id: uuidv4(), stream_id: `review-${reviewId}`, version: 2, type: 'FindingRecorded', metadata: meta('ctms-chair'), recorded_at: new Date(alleged + r.int(10, 40) * DAY).toISOString(),
          data: { reviewId, outcome, responsibleParties: outcome === 'violation' ? [perpetrator] : [], provisions: ['art. 6'], verificationMission: null, note: 'Finding of the commission.' },
        });
      }
    }
    const ready = buckets.get(day);
    buckets.delete(day);
    if (ready) {
      ready.sort((a, b) => a.recorded_at.localeCompare(b.recorded_at));
      pending.push(...ready);
    }
    while (pending.length >= LOAD_BATCH) yield pending.splice(0, LOAD_BATCH);
  }
  if (pending.length) yield pending;
  pending = [];
}

async function load(url: string, places: Place[]): Promise<{ events: number; incidents: number; seconds: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const bar = new cliProgress.SingleBar({ format: 'loading |{bar}| {percentage}% | {value}/{total} events | ETA {eta_formatted}', etaBuffer: 50, fps: 2 }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  let events = 0;
  bar.start(EVENTS, 0);
  try {
    for (const batch of generate(EVENTS, places)) {
      const versions = new Map<string, number>();
      for (const row of batch) versions.set(row.stream_id, Math.max(versions.get(row.stream_id) ?? 0, row.version));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO streams AS s (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])
           ON CONFLICT (stream_id) DO UPDATE SET version = greatest(s.version, EXCLUDED.version)`,
          [[...versions.keys()], [...versions.values()]],
        );
        await client.query(
          `INSERT INTO events (event_id, stream_id, version, type, data, metadata, recorded_at)
           SELECT event_id, stream_id, version, type, data, metadata, recorded_at
           FROM jsonb_to_recordset($1::jsonb) AS x(event_id uuid, stream_id text, version bigint, type text, data jsonb, metadata jsonb, recorded_at timestamptz)`,
          [JSON.stringify(batch)],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      events += batch.length;
      bar.update(Math.min(events, EVENTS));
    }
  } finally {
    bar.stop();
  }
  const incidents = Number((await pool.query(`SELECT count(*) AS n FROM streams WHERE stream_id LIKE 'incident-%'`)).rows[0].n);
  await pool.end();
  return { events, incidents, seconds: (performance.now() - started) / 1000 };
}

// ------------------------------------------------------------------------------------------------
// Processes

function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface RebuildRun {
  seconds: number;
  peakRssBytes: number;
  lines: string[];
  /** CPU seconds of the CLI's Node process and of PostgreSQL's processes while it ran (embedded server only). */
  cpu: { node: number; postgres: number } | undefined;
}

/** Seconds to read every event once through the store's catch-up, handing each batch to nothing. */
async function rawCatchUp(databaseUrl: string): Promise<number> {
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  try {
    const started = performance.now();
    await catchUp(store, { from: START, batchSize: REBUILD_BATCH }, async () => undefined);
    return (performance.now() - started) / 1000;
  } finally {
    await store.close();
  }
}

/** The real CLI in a child process, its peak RSS polled from /proc until it exits. */
async function rebuildAll(databaseUrl: string): Promise<RebuildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'projections:rebuild', '--all', '--no-progress', '--batch-size', String(REBUILD_BATCH)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, EVENT_STORE: 'postgres' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      log(`  cli: ${line}`);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peak = 0;
  // Sampled while the processes live: a backend that ends keeps what it used up to its last sample.
  const start = cpuByProcess(child.pid!, process.pid).postgres;
  const used = { node: new Map<number, number>(), postgres: new Map<number, number>() };
  const sampleCpu = () => {
    const now = cpuByProcess(child.pid!, process.pid);
    for (const kind of ['node', 'postgres'] as const) for (const [pid, s] of now[kind]) used[kind].set(pid, s - (kind === 'postgres' ? (start.get(pid) ?? 0) : 0));
  };
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid!));
    sampleCpu();
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  sampleCpu();
  const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  // A projection that fails is reported in the table (the others still count); no answer at all is an error.
  if (code !== 0 && !lines.some((l) => / rebuilt from /.test(l))) throw new Error(`projections:rebuild exited with ${code}:\n${lines.join('\n')}`);
  const cpu = process.env.DATABASE_URL ? undefined : { node: total(used.node), postgres: total(used.postgres) };
  return { seconds: (performance.now() - started) / 1000, peakRssBytes: peak, lines, cpu };
}

/**
 * The built API on the benchmark's database and the benchmark account's headers, once the two
 * projections its queries read have caught up (the projections' state is shown to an administrator).
 */
async function startApi(databaseUrl: string): Promise<{ app: RunningApp; headers: Record<string, string> }> {
  const app = await startTrackerApp({ databaseUrl });
  const headers = await benchAuthorization(app.baseUrl);
  for (let i = 0; ; i++) {
    const health = (await (await fetch(`${app.baseUrl}/api/health`, { headers })).json()) as { projections?: { name: string; caughtUp: boolean }[] };
    const mine = (health.projections ?? []).filter((p) => ['incidents', 'timeline'].includes(p.name));
    if (mine.length === 2 && mine.every((p) => p.caughtUp)) return { app, headers };
    if (i > 1200) {
      await app.stop();
      throw new Error(`the API's projections did not catch up:\n${app.output()}`);
    }
    await sleep(250);
  }
}

// ------------------------------------------------------------------------------------------------
// HTTP

/** A latency goal of a group of lines: its words, and its p95 (ms) at a number of connections. */
interface Goal {
  text: string;
  target: (connections: number) => number;
}

interface Line {
  label: string;
  what: string;
  goal: Goal;
  paths: string[];
}

interface Measured extends GetLatencies {
  label: string;
  connections: number;
  entries: number;
  goal: Goal;
  target: number;
  /** CPU milliseconds per request of the API's Node process, and of PostgreSQL. */
  nodeMs: number;
  postgresMs: number;
}

// Issue 15's analysts' reads; the `asOf` list of incidents keeps its earlier goal.
const TIMELINE_GOAL: Goal = { text: 'timeline around an anchor with a 14-day window p95 ≤ 20 ms at 1 connection, ≤ 50 ms at more', target: (connections) => (connections <= 1 ? 20 : 50) };
const TIMELINE_AS_OF_GOAL: Goal = { text: '`asOf` timeline p95 ≤ 50 ms', target: () => 50 };
const INCIDENTS_AS_OF_GOAL: Goal = { text: '`asOf` incidents p95 ≤ 100 ms', target: () => 100 };
/** Issue 15: a timeline window costs ≤ 2 ms of the API's Node CPU (its SQL runs in PostgreSQL). */
const NODE_CPU_GOAL_MS = 2;

async function measure(app: RunningApp, headers: Record<string, string>, line: Line, connections: number): Promise<Measured> {
  const baseUrl = app.baseUrl;
  // The size of a typical answer, for the table.
  const first = await fetch(`${baseUrl}${line.paths[0]}`, { headers });
  if (!first.ok) throw new Error(`${line.paths[0]}: ${first.status} ${await first.text()}`);
  const sample = (await first.json()) as { entries?: unknown[]; features?: unknown[] };
  const entries = (sample.entries ?? sample.features ?? []).length;
  await measureGets(baseUrl, headers, line.paths, connections, 2); // warm-up
  // The embedded PostgreSQL is this process's child; on DATABASE_URL's server its CPU is not seen (0).
  const meter = new CpuMeter(app.pid, process.pid);
  const latencies = await measureGets(baseUrl, headers, line.paths, connections, SECONDS);
  const cpu = meter.read();
  const perRequest = (cores: number) => (1000 * cores * cpu.wall) / latencies.requests;
  return {
    ...latencies,
    label: line.label,
    connections,
    entries,
    goal: line.goal,
    target: line.goal.target(connections),
    nodeMs: perRequest(cpu.node),
    postgresMs: perRequest(cpu.postgres),
  };
}

async function queries(databaseUrl: string): Promise<Line[]> {
  const r = seededRandom(17_05_2014);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: ids } = await client.query<{ id: string }>(`SELECT id FROM incidents TABLESAMPLE SYSTEM (1) LIMIT 200`);
  const { rows: [range] } = await client.query<{ first: Date; last: Date }>(`SELECT min(recorded_at) AS first, max(recorded_at) AS last FROM events`);
  await client.end();
  const dayIndex = () => r.int(30, DAYS - 60);
  const day = () => new Date(FIRST_DAY + dayIndex() * DAY).toISOString().slice(0, 10);
  const moment = () => new Date(range.first.getTime() + r.next() * (range.last.getTime() - range.first.getTime())).toISOString();
  /** A day, and a moment in the weeks after it, while its incidents were still being amended. */
  const dayAndSoonAfter = () => {
    const d = dayIndex();
    return [new Date(FIRST_DAY + d * DAY).toISOString().slice(0, 10), new Date(FIRST_DAY + (d + r.next() * 30) * DAY).toISOString()];
  };
  const list = (make: () => string) => Array.from({ length: 200 }, make);
  return [
    { label: 'timeline, 14 days around a date, Kidal region', what: 'GET /api/timeline?around=<date>&before=P7D&after=P7D&bbox=…', goal: TIMELINE_GOAL, paths: list(() => `/api/timeline?around=${day()}&before=P7D&after=P7D&bbox=${KIDAL_REGION}`) },
    { label: 'timeline, 14 days around a date, whole map (first page)', what: 'GET /api/timeline?around=<date>&before=P7D&after=P7D', goal: TIMELINE_GOAL, paths: list(() => `/api/timeline?around=${day()}&before=P7D&after=P7D`) },
    { label: 'timeline, 14 days around an incident, Kidal region', what: 'GET /api/timeline?around=<incident id>&bbox=…', goal: TIMELINE_GOAL, paths: ids.map((i) => `/api/timeline?around=${i.id}&before=P7D&after=P7D&bbox=${KIDAL_REGION}`) },
    { label: 'timeline of 14 days as known days later, Kidal region', what: 'GET /api/timeline?around=<date>&asOf=<date-time>&bbox=…', goal: TIMELINE_AS_OF_GOAL, paths: list(() => { const [d, at] = dayAndSoonAfter(); return `/api/timeline?around=${d}&asOf=${at}&bbox=${KIDAL_REGION}`; }) },
    { label: 'incidents of a month as known weeks later, whole map', what: 'GET /api/incidents?asOf=<date-time>&from=…&to=…', goal: INCIDENTS_AS_OF_GOAL, paths: list(() => { const [d, at] = dayAndSoonAfter(); return `/api/incidents?asOf=${at}&from=${d.slice(0, 8)}01&to=${d.slice(0, 8)}28`; }) },
    { label: 'incidents as known at a random moment, first 1,000, whole map', what: 'GET /api/incidents?asOf=<date-time>&limit=1000', goal: INCIDENTS_AS_OF_GOAL, paths: list(() => `/api/incidents?asOf=${moment()}&limit=1000`) },
  ];
}

// ------------------------------------------------------------------------------------------------

async function machineLoad(msWindow: number): Promise<number> {
  const busy = () => {
    const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / 100;
  };
  const before = busy();
  await sleep(msWindow);
  return (busy() - before) / (msWindow / 1000);
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) {
    log('building (npm run build)');
    execSync('npm run build --silent', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const places = (JSON.parse(await readFile(join(ROOT, 'data/gazetteer.json'), 'utf8')) as { places: Place[] }).places;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    databaseUrl = withDatabase(process.env.DATABASE_URL, `bench_timeline_${randomBytes(4).toString('hex')}`);
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'bench-timeline-pg-'));
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
    stopServer = server.stop;
    databaseUrl = withDatabase(server.url, 'tracker');
  }
  let api: RunningApp | undefined;
  try {
    await ensureDatabase(databaseUrl);
    await (await createPostgresEventStore({ connectionString: databaseUrl })).close();
    const loadBefore = await machineLoad(3000);
    log(`other work on the machine: ${loadBefore.toFixed(2)} cores busy`);

    log(`loading ${int(EVENTS)} events`);
    const loaded = await load(databaseUrl, places);
    log(`loaded ${int(loaded.events)} events (${int(loaded.incidents)} incidents) in ${loaded.seconds.toFixed(0)} s (${int(loaded.events / loaded.seconds)} events/s)`);

    log('reading every event once (the floor: the raw catch-up read of the store)');
    const floor = await rawCatchUp(databaseUrl);
    log(`read in ${floor.toFixed(1)} s: ${int(loaded.events / floor)} events/s`);

    log('rebuilding every projection with the CLI (projections:rebuild --all)');
    const rebuild = await rebuildAll(databaseUrl);
    log(`rebuilt in ${rebuild.seconds.toFixed(1)} s: ${int(loaded.events / rebuild.seconds)} events/s, peak RSS ${int(rebuild.peakRssBytes / 2 ** 20)} MB` +
      (rebuild.cpu ? `, CPU: Node ${rebuild.cpu.node.toFixed(1)} s + PostgreSQL ${rebuild.cpu.postgres.toFixed(1)} s` : ''));

    if (process.env.BENCH_REBUILD_ONLY) {
      process.stdout.write(`${report({ loaded, floor, rebuild, results: [], loadBefore, loadAfter: await machineLoad(3000) })}\n`);
      return;
    }
    const started = await startApi(databaseUrl);
    api = started.app;
    const headers = started.headers;
    log(`API ready on ${api.baseUrl}`);
    const results: Measured[] = [];
    const lines = await queries(databaseUrl);
    for (const line of lines) {
      for (const connections of CONNECTIONS) {
        const m = await measure(api, headers, line, connections);
        log(`${line.label}, ${connections} conn.: p50 ${ms(m.p50)}, p95 ${ms(m.p95)}, ${int(m.perSecond)}/s, ${m.entries} rows per answer, CPU per request: Node ${m.nodeMs.toFixed(1)} ms, PostgreSQL ${m.postgresMs.toFixed(1)} ms`);
        results.push(m);
      }
    }
    const loadAfter = await machineLoad(3000);
    const section = report({ loaded, floor, rebuild, results, loadBefore, loadAfter });
    process.stdout.write(`${section}\n`);
    if (!process.env.BENCH_NO_DOCS) await writeSection(section);
  } finally {
    await api?.stop().catch(() => undefined);
    await stopServer().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

function report(r: {
  loaded: { events: number; incidents: number; seconds: number };
  floor: number;
  rebuild: RebuildRun;
  results: Measured[];
  loadBefore: number;
  loadAfter: number;
}): string {
  const rate = r.loaded.events / r.rebuild.seconds;
  const floorRate = r.loaded.events / r.floor;
  const rss = r.rebuild.peakRssBytes / 2 ** 20;
  const perProjection = r.rebuild.lines
    .map((l) => /^(\S+): rebuilt from ([\d,]+) events.* in ([\d.]+) s \(([\d,]+) events\/s\)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]} events in ${m[3]} s`)
    .concat(r.rebuild.lines.filter((l) => l.startsWith('FAILED')).map((l) => l.replace(/^FAILED: /, 'failed: ')));
  const date = new Date().toISOString().slice(0, 10);
  return [
    '## Timeline and rebuild (npm run bench:timeline)',
    '',
    `${int(r.loaded.events)} events in the store: ${int(r.loaded.incidents)} incidents over 2000–2025 around the gazetteer's towns`,
    `(15 % scattered), each reported, amended and re-verified (10 % retracted), 2 % with a violation review; loaded with`,
    `batched SQL in recorded order (${int(r.loaded.events / r.loaded.seconds)} events/s). Embedded PostgreSQL with its default durable`,
    `settings. ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version},`,
    `Linux ${release()}, ${date}; other work on the machine: ${r.loadBefore.toFixed(1)} cores busy before, ${r.loadAfter.toFixed(1)} after.`,
    '',
    '**Rebuild of every projection** with the CLI (`projections:rebuild --all`, all projections side by side, batches of',
    `${int(REBUILD_BATCH)} events, from the first event into fresh tables, then the switch-over):`,
    '',
    '| Events | Wall time | Events/s | Raw catch-up read, same run | Ratio | Peak RSS of the CLI | Goal |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${int(r.loaded.events)} | ${r.rebuild.seconds.toFixed(1)} s | **${int(rate)}** | ${int(floorRate)} events/s | **${Math.round((100 * rate) / floorRate)} %** | **${int(rss)} MB** | ≥ 25 % of the raw read: ${met(rate >= floorRate / 4)}; < 500 MB: ${met(rss < 500)} |`,
    '',
    `Per projection (each reads only its own streams): ${perProjection.join('; ') || '—'}.`,
    '',
    r.rebuild.cpu
      ? `CPU per event of the rebuild: the CLI's Node ${int((r.rebuild.cpu.node * 1e6) / r.loaded.events)} µs + PostgreSQL ${int((r.rebuild.cpu.postgres * 1e6) / r.loaded.events)} µs ` +
        `(${r.rebuild.cpu.node.toFixed(1)} s + ${r.rebuild.cpu.postgres.toFixed(1)} s of CPU in ${r.rebuild.seconds.toFixed(1)} s on ${cpus().length} cores).`
      : 'CPU per event: not measured (a server of your own, DATABASE_URL).',
    '',
    ...(r.results.length ? queriesReport(r.results) : ['**Queries**: not run (`BENCH_REBUILD_ONLY`).', '']),
  ].join('\n');
}

const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function queriesReport(results: Measured[]): string[] {
  const goals = [...new Set(results.map((m) => m.goal))].map((goal) => {
    const of = results.filter((m) => m.goal === goal);
    const worst = of.reduce((a, b) => (b.p95 - b.target > a.p95 - a.target ? b : a));
    return `${goal.text} — ${met(of.every((m) => m.p95 <= m.target))} (worst p95 ${ms(worst.p95)} at ${worst.connections} connection${worst.connections === 1 ? '' : 's'})`;
  });
  const timelines = results.filter((m) => m.goal !== INCIDENTS_AS_OF_GOAL);
  const mostNode = Math.max(...timelines.map((m) => m.nodeMs));
  if (timelines.length) goals.push(`a timeline window ≤ ${NODE_CPU_GOAL_MS} ms of Node CPU per request — ${met(mostNode <= NODE_CPU_GOAL_MS)} (most ${mostNode.toFixed(1)} ms)`);
  return [
    `**Queries** on the built API (\`node dist/apps/api/src/main.js\`), autocannon for ${SECONDS} s per line after a 2 s warm-up, cycling`,
    'through 200 random anchors or moments; latency percentiles over every response.',
    '',
    '| Query | Connections | Rows per answer | Requests/s | p50 | p95 | p99 | max | non-2xx | Goal (p95) | CPU per request: Node | PostgreSQL |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (m) =>
        `| ${m.label} | ${m.connections} | ${m.entries} | ${int(m.perSecond)} | ${ms(m.p50)} | **${ms(m.p95)}** | ${ms(m.p99)} | ${ms(m.max)} | ${m.non2xx} | ≤ ${m.target} ms | ${m.nodeMs.toFixed(1)} ms | ${m.postgresMs.toFixed(1)} ms |`,
    ),
    '',
    `Goals: ${goals.join('; ')}. "Rows per answer": timeline entries or`,
    'GeoJSON features of the first query of the line. A timeline page holds up to 500 incidents with all their entries.',
    'CPU per request: the API\'s Node process and the PostgreSQL server over the measured seconds (from /proc), divided by the requests',
    '(it includes what they did meanwhile besides answering, e.g. the projections polling).',
    '',
  ];
}

/** Replaces this benchmark's section of docs/BENCHMARKS.md, or appends it; other sections stay as they are. */
async function writeSection(section: string) {
  const file = join(ROOT, 'docs/BENCHMARKS.md');
  const text = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const heading = '## Timeline and rebuild (npm run bench:timeline)';
  const start = text.indexOf(heading);
  let next = start === -1 ? -1 : text.indexOf('\n## ', start + heading.length);
  if (next !== -1) next += 1;
  const updated = start === -1 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next === -1 ? '' : `\n${text.slice(next)}`}`;
  await writeFile(file, `${updated.trimEnd()}\n`);
  log(`wrote the section "${heading}" of docs/BENCHMARKS.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
