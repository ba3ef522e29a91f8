/**
 * `npm run bench:api` (= `npm run build && tsx bench/api.bench.ts`): the HTTP API of the built
 * tracker, started as a child process (`node dist/apps/api/src/main.js`) on a fresh embedded
 * PostgreSQL with its default, durable settings, driven with autocannon from this process.
 *
 *   1. POST /api/incidents at 32 connections: requests/s, latency, non-2xx.
 *   2. Projection lag at 500 reports/s for 60 s: from each response (its `position`) until the
 *      `incidents` projection's checkpoint (polled every 5 ms over a pg connection) reaches it.
 *   3. GET /api/incidents, Kidal bbox and one year, over 100,000 incidents loaded straight
 *      through the event store (not over HTTP) and projected by the running app.
 *
 * Knobs for trial runs: BENCH_PHASES (default `post,lag,query`), BENCH_POST_SECONDS (15),
 * BENCH_LAG_SECONDS (60), BENCH_LAG_RATE (500), BENCH_INCIDENTS (100000), BENCH_QUERY_SECONDS
 * (15), BENCH_CPU_PROF=<dir> (the app writes a V8 CPU profile there when it stops; any bench),
 * BENCH_WAIT_QUIET=<seconds> (on a shared machine: first wait, up to that long, until other
 * processes use less than a quarter of a core for 5 s in a row).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { createPostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store.js';
import { CpuMeter, machineLoad, startTrackerApp, type RunningApp } from './tracker-app.js';
import { benchAuthorization } from './bench-account.js';
import { KIDAL_BBOX, reportBody, reportedEvent } from './api-report.js';
import {
  cores,
  describeMachine,
  int,
  log,
  ms,
  percentile,
  table,
  type Machine,
} from './api-stats.js';

const PHASES = new Set(
  (process.env.BENCH_PHASES ?? 'post,lag,query').split(',').map((p) => p.trim()),
);
const POST_SECONDS = Number(process.env.BENCH_POST_SECONDS ?? 15);
const POST_WARMUP_SECONDS = 3;
const POST_CONNECTIONS = 32;
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 60);
const LAG_RATE = Number(process.env.BENCH_LAG_RATE ?? 500);
/** autocannon paces per second (a connection sends its quota, then waits for the next second):
 * several instances started 1/N s apart spread the load over the second. */
const LAG_INSTANCES = 10;
const LAG_CONNECTIONS_PER_INSTANCE = 2;
const LAG_POLL_MS = 5;
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const LOAD_CONCURRENCY = 16;
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 15);
const QUERY_CONNECTIONS = 8;
const [WEST, SOUTH, EAST, NORTH] = KIDAL_BBOX;
const QUERY_PATH = `/api/incidents?bbox=${WEST},${SOUTH},${EAST},${NORTH}&from=2014-01-01&to=2014-12-31&limit=1000`;

interface Line {
  what: string;
  value: string;
  target: string;
  /** undefined: informational */
  pass?: boolean;
}
const lines: Line[] = [];
const cpuNotes: string[] = [];

/** Signed in as the benchmark account (bench/bench-account.ts), set once the app is up. */
let auth: Record<string, string> = {};
const jsonHeaders = () => ({ 'content-type': 'application/json', ...auth });

/** What the idle app uses (its projections poll the store). */
let idle = { node: 0, postgres: 0 };

/** CPU per phase, and per operation when given: less sensitive than latency to how busy the machine is. */
function cpuNote(phase: string, meter: CpuMeter, operations?: { count: number; unit: string }) {
  const c = meter.read();
  let note =
    `${phase}: app (Node) ${cores(c.node)}, PostgreSQL ${cores(c.postgres)}, bench process ${cores(c.bench)}, ` +
    `other processes on the machine ${cores(c.others)}, steal ${cores(c.steal)} (cores)`;
  if (operations && operations.count > 0) {
    // Gross, and above what the idle app spends (its projections keep polling meanwhile).
    const per = (busy: number, base = 0) =>
      ((Math.max(0, busy - base) * c.wall * 1000) / operations.count).toFixed(2);
    note +=
      `; CPU per ${operations.unit}: Node ${per(c.node)} ms (${per(c.node, idle.node)} above idle), ` +
      `PostgreSQL ${per(c.postgres)} ms (${per(c.postgres, idle.postgres)} above idle)`;
  }
  cpuNotes.push(note);
  log(`  CPU ${note}`);
  return c;
}

async function measureIdle(app: RunningApp) {
  const meter = new CpuMeter(app.pid);
  await sleep(5000);
  const c = cpuNote('idle app, 5 s (its projections waiting for appends)', meter);
  idle = { node: c.node, postgres: c.postgres };
}

// ---------------------------------------------------------------------------------------------
// 1. POST /api/incidents

async function postRun(app: RunningApp, seconds: number, idempotencyKey: boolean) {
  return autocannon({
    url: app.baseUrl,
    connections: POST_CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/incidents',
        headers: jsonHeaders(),
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            ...(idempotencyKey ? { 'idempotency-key': randomUUID() } : {}),
          },
          body: JSON.stringify(reportBody()),
        }),
      },
    ],
  });
}

async function benchPost(app: RunningApp) {
  const first = await fetch(`${app.baseUrl}/api/incidents`, {
    method: 'POST',
    headers: jsonHeaders(),
    body: JSON.stringify(reportBody()),
  });
  if (first.status !== 201)
    throw new Error(`POST /api/incidents answered ${first.status}: ${await first.text()}`);
  log(
    `POST /api/incidents: ${POST_WARMUP_SECONDS} s warm-up, then ${POST_SECONDS} s at ${POST_CONNECTIONS} connections`,
  );
  await postRun(app, POST_WARMUP_SECONDS, false);
  const meter = new CpuMeter(app.pid);
  const result = await postRun(app, POST_SECONDS, false);
  cpuNote('POST, 32 connections', meter, { count: result['2xx'], unit: 'request' });
  const rate = result['2xx'] / result.duration;
  const bad = result.non2xx + result.errors + result.timeouts;
  log(
    `  ${int(rate)} req/s (2xx), p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)}, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  lines.push(
    {
      what: 'POST /api/incidents, 32 connections: requests/s (2xx)',
      value: int(rate),
      target: '≥ 1,500',
      pass: rate >= 1500 && bad === 0,
    },
    {
      what: 'POST /api/incidents, 32 connections: p50 latency',
      value: ms(result.latency.p50),
      target: '',
    },
    {
      what: 'POST /api/incidents, 32 connections: p99 latency',
      value: ms(result.latency.p99),
      target: '≤ 50 ms',
      pass: result.latency.p99 <= 50,
    },
    {
      what: 'POST /api/incidents, 32 connections: non-2xx / errors',
      value: `${result.non2xx} / ${result.errors + result.timeouts}`,
      target: '0',
      pass: bad === 0,
    },
  );

  // The same with an Idempotency-Key on every request, as a field client that retries sends it.
  const seconds = Math.min(POST_SECONDS, 10);
  log(
    `POST /api/incidents with an Idempotency-Key: ${seconds} s at ${POST_CONNECTIONS} connections (informational)`,
  );
  const meterKeyed = new CpuMeter(app.pid);
  const keyed = await postRun(app, seconds, true);
  cpuNote('POST with Idempotency-Key, 32 connections', meterKeyed, {
    count: keyed['2xx'],
    unit: 'request',
  });
  const keyedRate = keyed['2xx'] / keyed.duration;
  log(
    `  ${int(keyedRate)} req/s (2xx), p50 ${ms(keyed.latency.p50)}, p99 ${ms(keyed.latency.p99)}, non-2xx ${keyed.non2xx}`,
  );
  lines.push({
    what: 'POST with Idempotency-Key, 32 connections: req/s, p50 / p99',
    value: `${int(keyedRate)}, ${ms(keyed.latency.p50)} / ${ms(keyed.latency.p99)}`,
    target: '(info)',
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Projection lag at a sustained rate

async function benchLag(app: RunningApp) {
  log(
    `projection lag: ${LAG_RATE} reports/s for ${LAG_SECONDS} s (${LAG_INSTANCES} autocannon instances × ${LAG_CONNECTIONS_PER_INSTANCE} connections, started 1/${LAG_INSTANCES} s apart); checkpoint polled every ${LAG_POLL_MS} ms`,
  );
  const poller = new pg.Client({ connectionString: app.databaseUrl });
  await poller.connect();

  let checkpoint = '';
  let pending: { position: string; at: number }[] = [];
  const lags: number[] = [];
  const latencies: number[] = [];
  const sentPer100ms = new Map<number, number>();
  let ok = 0;
  let failed = 0;
  let stopped = false;
  let polls = 0;
  let pollMs = 0;

  const polling = (async () => {
    while (!stopped) {
      const started = performance.now();
      const { rows } = await poller.query<{ position: string }>(
        `SELECT position FROM projection_checkpoints WHERE name = 'incidents'`,
      );
      const now = performance.now();
      polls++;
      pollMs += now - started;
      const position = rows[0]?.position ?? '';
      if (position > checkpoint) {
        checkpoint = position;
        const still: typeof pending = [];
        for (const p of pending) {
          if (p.position <= checkpoint) lags.push(now - p.at);
          else still.push(p);
        }
        pending = still;
      }
      const wait = LAG_POLL_MS - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  })();

  const t0 = performance.now();
  const meter = new CpuMeter(app.pid);
  const perInstance = Math.floor(LAG_RATE / LAG_INSTANCES);
  const runs = [];
  for (let i = 0; i < LAG_INSTANCES; i++) {
    const rate = perInstance + (i < LAG_RATE - perInstance * LAG_INSTANCES ? 1 : 0);
    runs.push(
      autocannon({
        url: app.baseUrl,
        connections: LAG_CONNECTIONS_PER_INSTANCE,
        overallRate: rate,
        duration: LAG_SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/api/incidents',
            headers: jsonHeaders(),
            setupRequest: (request, context) => {
              const now = performance.now();
              (context as { sentAt?: number }).sentAt = now;
              const bucket = Math.floor((now - t0) / 100);
              sentPer100ms.set(bucket, (sentPer100ms.get(bucket) ?? 0) + 1);
              return { ...request, body: JSON.stringify(reportBody()) };
            },
            onResponse: (status, body, context) => {
              const at = performance.now();
              const sentAt = (context as { sentAt?: number }).sentAt;
              if (sentAt !== undefined) latencies.push(at - sentAt);
              if (status !== 201) {
                failed++;
                return;
              }
              ok++;
              const { position } = JSON.parse(body) as { position: string };
              if (position <= checkpoint) lags.push(0);
              else pending.push({ position, at });
            },
          },
        ],
      }),
    );
    await sleep(1000 / LAG_INSTANCES);
  }
  const results = await Promise.all(runs);
  const elapsed = (performance.now() - t0) / 1000;
  // Let the projection reach the last positions (bounded).
  const drainUntil = performance.now() + 10_000;
  while (pending.length > 0 && performance.now() < drainUntil) await sleep(20);
  stopped = true;
  await polling;
  await poller.end();
  cpuNote(`lag run, ${LAG_RATE} reports/s`, meter, {
    count: ok,
    unit: 'report (request + projection)',
  });

  const errors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
  // Each instance runs LAG_SECONDS at its share of the rate; they overlap but for 0.9 s.
  const achieved = ok / LAG_SECONDS;
  // Whole 100 ms windows inside the steady part (all instances running).
  const buckets = [...sentPer100ms.entries()]
    .filter(([b]) => b >= 10 && b < LAG_SECONDS * 10 - 1)
    .map(([, n]) => n);
  const [p50, p95, p99, max] = [
    percentile(lags, 50),
    percentile(lags, 95),
    percentile(lags, 99),
    Math.max(...lags),
  ];
  log(
    `  ${int(ok)} reports in ${elapsed.toFixed(1)} s (≈ ${int(achieved)}/s), non-201 ${failed}, errors ${errors}; ` +
      `sent per 100 ms: median ${percentile(buckets, 50)}, max ${Math.max(...buckets)}; POST latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`,
  );
  log(
    `  lag p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}, max ${ms(max)}; never reached: ${pending.length}; checkpoint poll ${ms(pollMs / polls)} average`,
  );
  const sustained = achieved >= LAG_RATE * 0.97 && failed + errors === 0;
  lines.push(
    {
      what: `lag run: reports/s achieved (target rate ${LAG_RATE}, ${LAG_SECONDS} s)`,
      value: `${int(achieved)} (non-201: ${failed + errors})`,
      target: `${LAG_RATE}`,
      pass: sustained,
    },
    { what: 'projection lag p50 / p95', value: `${ms(p50)} / ${ms(p95)}`, target: '' },
    {
      what: 'projection lag p99',
      value: ms(p99),
      target: '≤ 250 ms',
      pass: p99 <= 250 && pending.length === 0 && sustained,
    },
    { what: 'projection lag max', value: ms(max), target: '' },
    {
      what: `POST latency at ${LAG_RATE}/s: p50 / p99`,
      value: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
      target: '(info)',
    },
  );
}

// ---------------------------------------------------------------------------------------------
// 3. GET /api/incidents over 100,000 incidents

async function loadIncidents(app: RunningApp) {
  log(
    `loading ${int(INCIDENTS)} incidents through the event store (${LOAD_CONCURRENCY} concurrent appends, one stream each)`,
  );
  const store = await createPostgresEventStore({
    connectionString: app.databaseUrl,
    poolSize: LOAD_CONCURRENCY,
  });
  const meter = new CpuMeter(app.pid);
  const started = performance.now();
  let next = 0;
  let lastLog = started;
  try {
    await Promise.all(
      Array.from({ length: LOAD_CONCURRENCY }, async () => {
        while (next < INCIDENTS) {
          next++;
          const { streamId, event } = reportedEvent();
          await store.append(streamId, [event], { expected: 'no_stream' });
          if (performance.now() - lastLog > 10_000) {
            lastLog = performance.now();
            log(`  ${int(next)} appended`);
          }
        }
      }),
    );
    const loadSeconds = (performance.now() - started) / 1000;
    log(
      `  appended ${int(INCIDENTS)} in ${loadSeconds.toFixed(1)} s (${int(INCIDENTS / loadSeconds)}/s)`,
    );
    cpuNote(`loading ${int(INCIDENTS)} incidents (appends + live projection)`, meter, {
      count: INCIDENTS,
      unit: 'incident',
    });

    const head = await store.headPosition();
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      for (;;) {
        const { rows } = await db.query<{ position: string }>(
          `SELECT position FROM projection_checkpoints WHERE name = 'incidents'`,
        );
        if ((rows[0]?.position ?? '') >= head) break;
        await sleep(200);
      }
      const caughtUp = (performance.now() - started) / 1000;
      log(`  projection caught up ${(caughtUp - loadSeconds).toFixed(1)} s after the last append`);
      const { rows } = await db.query<{ n: string; in_box: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE location <@ box(point($1, $2), point($3, $4))
           AND occurred_at >= '2014-01-01' AND occurred_at < '2015-01-01') AS in_box FROM incidents`,
        [WEST, SOUTH, EAST, NORTH],
      );
      log(
        `  read model: ${int(Number(rows[0].n))} incidents, ${int(Number(rows[0].in_box))} in the Kidal box in 2014`,
      );
      lines.push({
        what: `load: ${int(INCIDENTS)} appends (16 concurrent), then projection catch-up`,
        value: `${int(INCIDENTS / loadSeconds)}/s; caught up +${(caughtUp - loadSeconds).toFixed(1)} s`,
        target: '(info)',
      });
      // What autovacuum does within a minute of such a load; the plan below should not depend on luck.
      await db.query('ANALYZE incidents');
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT i.feature, i.id, i.occurred_at FROM incidents i
         WHERE i.location <@ box(point($1, $2), point($3, $4)) AND i.occurred_at >= '2014-01-01T00:00:00Z'
           AND i.occurred_at < '2015-01-01T00:00:00Z'
         ORDER BY i.occurred_at, i.id LIMIT 1001`,
        [WEST, SOUTH, EAST, NORTH],
      );
      log(
        `  plan of the list query (equivalent SQL):\n${plan.rows.map((r) => `      ${r['QUERY PLAN']}`).join('\n')}`,
      );
      const execution = plan.rows
        .map((r) => r['QUERY PLAN'])
        .find((l) => l.startsWith('Execution Time'));
      if (execution)
        lines.push({
          what: 'list query in PostgreSQL alone (EXPLAIN ANALYZE)',
          value: execution.replace('Execution Time: ', '').replace(' ms', ' ms'),
          target: '(info)',
        });
    } finally {
      await db.end();
    }
  } finally {
    await store.close();
  }
}

async function benchQuery(app: RunningApp) {
  await loadIncidents(app);
  const sample = await fetch(`${app.baseUrl}${QUERY_PATH}`, { headers: auth });
  if (!sample.ok) throw new Error(`GET ${QUERY_PATH}: ${sample.status} ${await sample.text()}`);
  const text = await sample.text();
  const page = JSON.parse(text) as { features: unknown[]; nextCursor?: string };
  log(
    `GET ${QUERY_PATH}: ${page.features.length} features${page.nextCursor ? ' (more behind nextCursor)' : ''}, ${int(text.length / 1024)} KiB`,
  );

  const run = async (connections: number, seconds: number) => {
    // Own timing per request (autocannon's summary has p90 and p97.5, not p95).
    const latencies: number[] = [];
    const result = await autocannon({
      url: app.baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          path: QUERY_PATH,
          headers: auth,
          setupRequest: (request, context) => {
            (context as { sentAt?: number }).sentAt = performance.now();
            return request;
          },
          onResponse: (_status, _body, context) => {
            const sentAt = (context as { sentAt?: number }).sentAt;
            if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
          },
        },
      ],
    });
    const p = (q: number) => percentile(latencies, q);
    return {
      count: result['2xx'],
      rate: result['2xx'] / result.duration,
      bad: result.non2xx + result.errors + result.timeouts,
      p50: p(50),
      p95: p(95),
      p99: p(99),
      autocannonP99: result.latency.p99,
    };
  };
  await run(QUERY_CONNECTIONS, 2); // warm-up
  log(`  ${QUERY_SECONDS} s at ${QUERY_CONNECTIONS} connections`);
  const meter = new CpuMeter(app.pid);
  const loaded = await run(QUERY_CONNECTIONS, QUERY_SECONDS);
  cpuNote(`GET, ${QUERY_CONNECTIONS} connections`, meter, { count: loaded.count, unit: 'request' });
  log(
    `  ${loaded.rate.toFixed(1)} req/s, p50 ${ms(loaded.p50)}, p95 ${ms(loaded.p95)}, p99 ${ms(loaded.p99)} (autocannon's p99 ${ms(loaded.autocannonP99)}), failed ${loaded.bad}`,
  );
  const single = Math.min(QUERY_SECONDS, 10);
  log(`  ${single} s at 1 connection`);
  const alone = await run(1, single);
  log(
    `  ${alone.rate.toFixed(1)} req/s, p50 ${ms(alone.p50)}, p95 ${ms(alone.p95)}, p99 ${ms(alone.p99)}`,
  );
  lines.push(
    {
      what: `GET Kidal bbox + 2014, limit 1000: features returned`,
      value: `${page.features.length}${page.nextCursor ? ' + cursor' : ''} (${int(text.length / 1024)} KiB)`,
      target: '',
    },
    {
      what: `GET, ${QUERY_CONNECTIONS} connections: req/s, p50`,
      value: `${loaded.rate.toFixed(0)}, ${ms(loaded.p50)}`,
      target: '',
    },
    {
      what: `GET, ${QUERY_CONNECTIONS} connections: p95 latency`,
      value: ms(loaded.p95),
      target: '≤ 50 ms',
      pass: loaded.p95 <= 50 && loaded.bad === 0,
    },
    {
      what: `GET, ${QUERY_CONNECTIONS} connections: p99 latency`,
      value: ms(loaded.p99),
      target: '',
    },
    {
      what: 'GET, 1 connection: req/s, p50 / p99',
      value: `${alone.rate.toFixed(0)}, ${ms(alone.p50)} / ${ms(alone.p99)}`,
      target: '',
    },
    {
      what: 'GET, 1 connection: p95 latency',
      value: ms(alone.p95),
      target: '≤ 50 ms',
      pass: alone.p95 <= 50 && alone.bad === 0,
    },
  );
}

// ---------------------------------------------------------------------------------------------

function summary(machine: Machine) {
  const out = [
    '',
    `Machine: ${machine.cpu}, ${machine.cpuCount} CPUs, ${machine.memoryGiB.toFixed(1)} GiB RAM, ${machine.kernel}; Node ${machine.node}; PostgreSQL ${machine.postgres} (embedded)`,
    `PostgreSQL settings: ${Object.entries(machine.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    `Code: ${machine.code}`,
    '',
    table(
      ['measure', 'result', 'target', ''],
      lines.map((l) => [
        l.what,
        l.value,
        l.target,
        l.pass === undefined ? '' : l.pass ? 'pass' : '**FAIL**',
      ]),
    ),
    '',
    'CPU (cores busy, averaged over each phase):',
    ...cpuNotes.map((n) => `- ${n}`),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function waitForQuiet() {
  const patience = Number(process.env.BENCH_WAIT_QUIET ?? 0);
  const until = performance.now() + patience * 1000;
  let quiet = 0;
  let lastLog = 0;
  for (;;) {
    const load = await machineLoad(1000);
    quiet = load < 0.25 ? quiet + 1 : 0;
    if (quiet >= 5 || performance.now() > until) {
      log(
        `machine load before the run: ${cores(load)} cores busy${load >= 0.25 ? ' — other work shares this machine; figures will suffer' : ''}`,
      );
      return;
    }
    if (quiet === 0 && performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`waiting for a quiet machine: ${cores(load)} cores busy with other work`);
    }
  }
}

async function main() {
  await waitForQuiet();
  const started = performance.now();
  const app = await startTrackerApp({ log });
  const stop = async () => {
    await app.stop().catch((error: unknown) => log(`stopping the tracker: ${String(error)}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void stop().then(() => process.exit(130)));
  try {
    auth = await benchAuthorization(app.baseUrl);
    const machine = await describeMachine(app.databaseUrl);
    await measureIdle(app);
    if (PHASES.has('post')) await benchPost(app);
    if (PHASES.has('lag')) await benchLag(app);
    if (PHASES.has('query')) await benchQuery(app);
    summary(machine);
  } catch (error) {
    log(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    log(`tracker output:\n${app.output()}`);
    process.exitCode = 1;
  } finally {
    await stop();
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

await main();
