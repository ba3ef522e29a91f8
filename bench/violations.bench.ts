/**
 * `npm run bench:violations`: GET /api/violations/by-group over 100,000 incidents and 20,000
 * violation reviews. The goal (issue 5): p95 ≤ 50 ms.
 *
 *   1. Builds the app (`tsc -p tsconfig.build.json`; BENCH_SKIP_BUILD=1 skips it).
 *   2. PostgreSQL: a fresh database on DATABASE_URL's server, or an embedded cluster with its
 *      default (durable) settings in a temporary directory, removed at the end.
 *   3. Appends the incidents and the reviews straight to the event store (not over HTTP): the
 *      review events come from the domain's own `decideReview`, so they are what the API would
 *      have written (allegations, findings of every outcome, reopenings, non-signatories).
 *   4. Starts the built tracker (`node dist/apps/api/src/main.js`, DEMO_DATA=true so it loads
 *      the reference data: actors, coalitions with memberships, agreements), waits until every
 *      projection has caught up, and signs in (bench/bench-account.ts).
 *   5. autocannon cycles through 21 queries (5 agreements × actor/coalition roll-up × whole
 *      period/2014, and all agreements by coalition), with 1 and with 8 connections; latency
 *      percentiles from every response. Then the same queries' SQL alone, from a pg client.
 *   6. Writes the figures under "## Violations by group (npm run bench:violations)" in
 *      docs/BENCHMARKS.md (that section only).
 *
 * Knobs for trial runs: BENCH_INCIDENTS (100000), BENCH_REVIEWS (20000), BENCH_SECONDS (20),
 * BENCH_WAIT_QUIET (300: on a shared machine, first wait up to that many seconds until other
 * processes use less than half a core for 5 s; 0 does not wait).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import {
  decideIncident,
  decideReview,
  evolveReview,
  incidentStreamId,
  initialIncidentState,
  initialReviewState,
  reviewIdOf,
  reviewStreamId,
  type FindingOutcome,
  type IncidentDetails,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
} from '../libs/domain/src/index.js';
import { createPostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store.js';
import type { EventStore, NewEvent } from '../libs/event-store/src/event-store.js';
import { violationsByGroupSql } from '../libs/read-models/src/violations/violations-by-group.sql.js';
import { int, log, measureGets, ms, percentile, type GetLatencies } from './api-stats.js';
import { benchAuthorization } from './bench-account.js';
import { CpuMeter, startTrackerApp, type RunningApp } from './tracker-app.js';
import { seededRandom, type SeededRandom } from '../test/seeded-random.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const QUIET_WAIT_SECONDS = Number(process.env.BENCH_WAIT_QUIET ?? 300);
const WARMUP_SECONDS = 3;
const LOAD_CONCURRENCY = 16;
const GOAL_P95_MS = 50;
const HEADING = '## Violations by group (npm run bench:violations)';
const NAMESPACE = '0b6f3c2e-7d41-4e59-a8b3-94c1d2e5f607';



interface ReferenceData {
  actors: { id: string }[];
  agreements: { id: string; inForceFrom: string; parties: string[] }[];
}

const TOWNS = [
  { place: 'Kidal', admin1: 'Kidal', lat: 18.4411, lon: 1.4078 },
  { place: 'Gao', admin1: 'Gao', lat: 16.2717, lon: -0.0447 },
  { place: 'Tombouctou', admin1: 'Tombouctou', lat: 16.7735, lon: -3.0074 },
  { place: 'Ménaka', admin1: 'Gao', lat: 15.9182, lon: 2.4014 },
  { place: 'Tessalit', admin1: 'Kidal', lat: 20.2011, lon: 1.0114 },
  { place: 'Anéfis', admin1: 'Kidal', lat: 18.0556, lon: 0.6028 },
  { place: 'Tabankort', admin1: 'Gao', lat: 17.83, lon: 0.33 },
];
const FIRST_DAY = Date.UTC(2012, 0, 1);
const DAYS = 4 * 365;

function incidentDetails(rng: SeededRandom, actorIds: string[]): IncidentDetails {
  const town = rng.pick(TOWNS);
  const day = new Date(FIRST_DAY + rng.int(0, DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [perpetrator, target] = [rng.pick(actorIds), rng.pick(actorIds)];
  return {
    occurredAt: day,
    timePrecision: 'day',
    location: { lat: town.lat + (rng.next() - 0.5) * 0.4, lon: town.lon + (rng.next() - 0.5) * 0.4, place: town.place, admin1: town.admin1, precision: 'near' },
    type: 'battles',
    subType: 'armed_clash',
    targets: ['armed_groups'],
    actors: [
      { actorId: perpetrator, role: 'perpetrator' },
      ...(target !== perpetrator ? [{ actorId: target, role: 'target' as const }] : []),
    ],
    harm: { killed: rng.next() < 0.6 ? 0 : 1 + rng.int(0, 11), injured: rng.int(0, 4), abducted: 0 },
    description: `Benchmark clash near ${town.place}.`,
    sources: [{ id: 's1', kind: 'monitor', reference: 'benchmark', reliability: 'unconfirmed', confidential: false }],
  };
}

/** The events of one review: an allegation, then a finding of each outcome, some reopened. */
function reviewEvents(
  rng: SeededRandom,
  incident: { id: string; occurredAt: string },
  agreement: ReferenceData['agreements'][number],
  actorIds: string[],
): { reviewId: string; events: ReviewEvent[] } {
  const reviewId = reviewIdOf(incident.id, agreement.id);
  const facts = {
    incident: { status: 'active' as const, occurredAt: incident.occurredAt },
    agreement: { status: 'signed' as const, inForceFrom: agreement.inForceFrom, parties: agreement.parties },
    unknownActors: [],
  };
  const alleged = [...new Set(Array.from({ length: 1 + rng.int(0, 2) }, () => rng.pick(agreement.parties)))];
  let state: ReviewState = initialReviewState();
  const events: ReviewEvent[] = [];
  const apply = (command: ReviewCommand) => {
    for (const event of decideReview(command, state, { now: new Date() })) {
      state = evolveReview(state, event);
      events.push(event);
    }
  };
  const find = (outcome: FindingOutcome) => {
    const responsible = outcome === 'violation' ? [...new Set([rng.pick(alleged), ...(rng.next() < 0.1 ? [rng.pick(actorIds)] : [])])] : [];
    const nonSignatory = responsible.some((party) => !agreement.parties.includes(party));
    apply({
      type: 'RecordFinding',
      data: {
        reviewId,
        outcome,
        responsibleParties: responsible,
        provisions: outcome === 'violation' ? ['ceasefire'] : [],
        verificationMission: 'benchmark team',
        note: `benchmark finding: ${outcome}`,
        ...(nonSignatory ? { nonSignatoryReason: 'fought alongside a signatory' } : {}),
        ...facts,
      },
    });
  };
  apply({
    type: 'AllegeViolation',
    data: { reviewId, incidentId: incident.id, agreementId: agreement.id, allegedBy: 'minusma', allegedParties: alleged, note: 'benchmark', ...facts },
  });
  const roll = rng.next();
  if (roll < 0.25) return { reviewId, events }; // open
  const outcome: FindingOutcome = roll < 0.6 ? 'violation' : roll < 0.8 ? 'no_violation' : 'inconclusive';
  find(outcome);
  if (rng.next() < 0.1) {
    apply({ type: 'ReopenReview', data: { reviewId, reason: 'new evidence' } });
    if (rng.next() < 0.7) find(rng.pick(['violation', 'no_violation', 'inconclusive'] as const));
  }
  return { reviewId, events };
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>, progress?: (done: number) => void) {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await work(item);
        if (++done % 10_000 === 0) progress?.(done);
      }
    }),
  );
}

async function load(store: EventStore, reference: ReferenceData) {
  const rng = seededRandom(20140517);
  const actorIds = reference.actors.map((a) => a.id);
  const incidents: { id: string; occurredAt: string }[] = [];
  const now = new Date();
  const metadata = { userId: 'bench' };
  const started = performance.now();
  const reports = Array.from({ length: INCIDENTS }, (_, i) => {
    const id = uuidv5(`incident:${i}`, NAMESPACE);
    const [event] = decideIncident({ type: 'ReportIncident', data: { incidentId: id, details: incidentDetails(rng, actorIds), unknownActors: [] } }, initialIncidentState(), { now, requester: { username: metadata.userId, roles: ['monitor'] } });
    incidents.push({ id, occurredAt: (event.data as IncidentDetails).occurredAt });
    return { id, event };
  });
  await inParallel(
    reports,
    LOAD_CONCURRENCY,
    async ({ id, event }) => {
      await store.append(incidentStreamId(id), [{ id: uuidv4(), type: event.type, data: event.data as never, metadata }], { expected: 'no_stream' });
    },
    (done) => log(`  ${int(done)} incidents appended`),
  );
  const incidentSeconds = (performance.now() - started) / 1000;

  // Reviews: each against an agreement in force on the incident's day, one per (incident, agreement).
  const taken = new Set<string>();
  const reviews: { reviewId: string; events: ReviewEvent[] }[] = [];
  for (let attempts = 0; reviews.length < REVIEWS && attempts < REVIEWS * 20; attempts++) {
    const agreement = rng.pick(reference.agreements);
    const incident = rng.pick(incidents);
    if (incident.occurredAt < agreement.inForceFrom || taken.has(`${incident.id}|${agreement.id}`)) continue;
    taken.add(`${incident.id}|${agreement.id}`);
    reviews.push(reviewEvents(rng, incident, agreement, actorIds));
  }
  const reviewStarted = performance.now();
  await inParallel(
    reviews,
    LOAD_CONCURRENCY,
    async ({ reviewId, events }) => {
      const batch: NewEvent[] = events.map((e) => ({ id: uuidv4(), type: e.type, data: e.data as never, metadata }));
      await store.append(reviewStreamId(reviewId), batch, { expected: 'no_stream' });
    },
    (done) => log(`  ${int(done)} reviews appended`),
  );
  const reviewEventCount = reviews.reduce((n, r) => n + r.events.length, 0);
  return {
    incidents: incidents.length,
    reviews: reviews.length,
    reviewEvents: reviewEventCount,
    incidentSeconds,
    reviewSeconds: (performance.now() - reviewStarted) / 1000,
  };
}

/** Seconds until every projection has caught up (the projections' state is shown to an administrator: the bench account). */
async function waitForProjections(baseUrl: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  let last = 0;
  for (;;) {
    const health = (await (await fetch(`${baseUrl}/api/health`, { headers })).json()) as { projections?: { name: string; caughtUp: boolean }[] };
    const projections = health.projections ?? [];
    const behind = projections.filter((p) => !p.caughtUp).map((p) => p.name);
    if (behind.length === 0 && projections.length > 0) return (performance.now() - started) / 1000;
    if (performance.now() - last > 15_000) {
      log(`  projections still catching up: ${behind.join(', ')}`);
      last = performance.now();
    }
    if (performance.now() - started > 30 * 60_000) throw new Error(`projections did not catch up within 30 minutes: ${behind.join(', ')}`);
    await sleep(500);
  }
}

interface ReportQuery {
  agreement?: string;
  rollup: 'actor' | 'coalition';
  from?: string;
  to?: string;
}

/** 5 agreements × actor/coalition roll-up × whole period/2014, and all agreements by coalition. */
function queries(reference: ReferenceData): ReportQuery[] {
  const list: ReportQuery[] = [];
  for (const { id } of reference.agreements) {
    for (const rollup of ['actor', 'coalition'] as const) {
      list.push({ agreement: id, rollup });
      list.push({ agreement: id, rollup, from: '2014-01-01', to: '2014-12-31' });
    }
  }
  list.push({ rollup: 'coalition' });
  return list;
}

const pathOf = (query: ReportQuery) => `/api/violations/by-group?${new URLSearchParams(Object.entries(query) as [string, string][])}`;

interface Line extends GetLatencies {
  connections: number;
  /** CPU of the tracker and its PostgreSQL per request, in ms: what a request costs, however busy the machine. */
  cpuPerRequest: number;
  /** The part of it in the tracker's Node process (the rest: PostgreSQL). */
  nodeCpuPerRequest: number;
  /** Cores the rest of the machine kept busy meanwhile. */
  others: number;
}

async function measure(baseUrl: string, authorization: { authorization: string }, appPid: number, paths: string[], connections: number, seconds: number): Promise<Line> {
  // The embedded server is this process's child: its PostgreSQL processes are found under it.
  const meter = new CpuMeter(appPid, process.pid);
  const latencies = await measureGets(baseUrl, authorization, paths, connections, seconds);
  const { node, postgres, others, wall } = meter.read();
  return {
    ...latencies,
    connections,
    cpuPerRequest: ((node + postgres) * wall * 1000) / latencies.requests,
    nodeCpuPerRequest: (node * wall * 1000) / latencies.requests,
    others,
  };
}

/** The report's SQL alone, as the API sends it, timed from a pg client: p50 and p95 over rounds of every query. */
async function sqlAlone(databaseUrl: string, list: ReportQuery[], rounds = 30): Promise<{ p50: number; p95: number; cells: number; monthRows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ cells, months }] = (
      await client.query('SELECT (SELECT count(*) FROM violation_parties)::int AS cells, (SELECT count(*) FROM violation_month_totals)::int AS months')
    ).rows;
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const query of list) {
        const statement = violationsByGroupSql(query);
        if (!statement) continue;
        const started = performance.now();
        await client.query(statement.sql, statement.params);
        if (round > 0) samples.push(performance.now() - started);
      }
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), cells, monthRows: months };
  } finally {
    await client.end();
  }
}

async function writeSection(text: string) {
  const file = join(ROOT, 'docs/BENCHMARKS.md');
  const current = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(HEADING);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${text}`;
  } else {
    const after = current.indexOf('\n## ', start + HEADING.length);
    next = `${current.slice(0, start)}${text}${after === -1 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  await writeFile(file, `${next.trimEnd()}\n`);
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('building the app (tsc -p tsconfig.build.json)');
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the app first`);
  const reference = JSON.parse(readFileSync(join(ROOT, 'data/actors.json'), 'utf8')) as ReferenceData;

  let stopPostgres = async () => {};
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    databaseUrl = withDatabase(process.env.DATABASE_URL, `bench_violations_${Date.now()}`);
    await ensureDatabase(databaseUrl);
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'tracker-bench-violations-'));
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), serverFlags: ['-c', 'max_connections=200'] });
    stopPostgres = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    databaseUrl = withDatabase(server.url, 'tracker');
    await ensureDatabase(databaseUrl);
  }

  let app: RunningApp | undefined;
  try {
    log(`appending ${int(INCIDENTS)} incidents and ${int(REVIEWS)} reviews to the event store`);
    const store = await createPostgresEventStore({ connectionString: databaseUrl });
    const loaded = await load(store, reference);
    await store.close();
    log(`  done: incidents in ${loaded.incidentSeconds.toFixed(0)} s, ${int(loaded.reviewEvents)} review events in ${loaded.reviewSeconds.toFixed(0)} s`);

    log('starting the built tracker; it loads the reference data and runs the projections');
    app = await startTrackerApp({ databaseUrl, env: { DEMO_DATA: 'true' } });
    const authorization = await benchAuthorization(app.baseUrl);
    const catchUpSeconds = await waitForProjections(app.baseUrl, authorization);
    log(`  projections caught up in ${catchUpSeconds.toFixed(0)} s`);

    const list = queries(reference);
    const paths = list.map(pathOf);
    const sample = (await (await fetch(`${app.baseUrl}${paths[2]}`, { headers: authorization })).json()) as { rows: unknown[] };
    if (!sample.rows?.length) throw new Error(`the by-group table is empty: ${JSON.stringify(sample)}`);
    if (QUIET_WAIT_SECONDS > 0) {
      log(`waiting (up to ${QUIET_WAIT_SECONDS} s) until other work on the machine uses less than half a core`);
      for (const until = Date.now() + QUIET_WAIT_SECONDS * 1000; Date.now() < until; ) {
        const meter = new CpuMeter(app.pid, process.pid);
        await sleep(5000);
        const load = meter.read().others;
        if (load < 0.5) break;
        log(`  others use ${load.toFixed(2)} cores`);
      }
    }
    log(`warm-up ${WARMUP_SECONDS} s`);
    await measure(app.baseUrl, authorization, app.pid, paths, 4, WARMUP_SECONDS);
    const lines: Line[] = [];
    for (const connections of [1, 8]) {
      log(`measuring with ${connections} connection(s) for ${SECONDS} s`);
      const line = await measure(app.baseUrl, authorization, app.pid, paths, connections, SECONDS);
      log(`  ${int(line.requests)} requests, p50 ${ms(line.p50)}, p95 ${ms(line.p95)}, p99 ${ms(line.p99)}; ${line.cpuPerRequest.toFixed(1)} ms CPU per request; others used ${line.others.toFixed(2)} cores`);
      lines.push(line);
    }
    const sql = await sqlAlone(databaseUrl, list);
    log(`  SQL alone: p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)}`);

    const [single, loaded8] = lines;
    const pass = single.p95 <= GOAL_P95_MS && lines.every((l) => l.non2xx === 0);
    const cpu = cpus();
    const text = [
      HEADING,
      '',
      `${int(loaded.incidents)} incidents and ${int(loaded.reviews)} violation reviews (${int(loaded.reviewEvents)} review events: allegations, findings of`,
      `every outcome, reopenings; ${int(sql.cells)} rows in \`violation_parties\`, ${int(sql.monthRows)} in \`violation_month_totals\`) appended straight to the event store; the built app`,
      '(`node dist/apps/api/src/main.js`, embedded PostgreSQL with its default durable settings, reference data loaded from',
      '`data/actors.json`) projected them, then autocannon, signed in, cycled through 21 queries of `GET /api/violations/by-group` (5',
      'agreements × actor/coalition roll-up × whole period/2014, and all agreements by coalition) for',
      `${SECONDS} s per line after a ${WARMUP_SECONDS} s warm-up. Latency percentiles over every response. ${cpu.length} × ${cpu[0]?.model.trim()},`,
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Linux ${release()}, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| Connections | Requests | Requests/s | p50 | p95 | p99 | max | non-2xx | CPU per request: Node + PostgreSQL | Other work on the machine |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...lines.map(
        (l) =>
          `| ${l.connections} | ${int(l.requests)} | ${int(l.perSecond)} | ${ms(l.p50)} | **${ms(l.p95)}** | ${ms(l.p99)} | ${ms(l.max)} | ${l.non2xx} | ${ms(l.nodeCpuPerRequest)} + ${ms(l.cpuPerRequest - l.nodeCpuPerRequest)} | ${l.others.toFixed(2)} cores |`,
      ),
      '',
      `Goal: a request answered in p95 ≤ ${GOAL_P95_MS} ms over 100,000 incidents and 20,000 reviews — **${pass ? 'met' : 'not met'}** with one`,
      `client (p95 ${ms(single.p95)}). With 8 clients at once the p95 is ${ms(loaded8.p95)}: the requests queue for the machine's ${cpu.length} cores, of`,
      `which other work on the machine took ${loaded8.others.toFixed(2)} on average during that line.`,
      `The same 21 queries' SQL alone, from a pg client (${30 - 1} rounds): p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)}; the rest of a request's time is`,
      'Node: HTTP, validation, the sign-in check (a token and the account\'s stream on every request), JSON.',
      '',
      'How: the `reviews` projection keeps the report\'s cells with the incident\'s day and dead copied in (updated when the',
      'incident is amended or a membership changes): a row per (review, party alleged or held responsible) in',
      '`violation_parties`, a row per (review, coalition as of the incident\'s day) in `violation_coalition_cells`, and their',
      'sums per month in `violation_month_totals`. A report reads whole months from the month totals and only the partial',
      'months at the ends of its period from the cells (an indexed range scan), then joins the names to the few rows.',
      'Loading: incidents appended in',
      `${loaded.incidentSeconds.toFixed(0)} s, reviews in ${loaded.reviewSeconds.toFixed(0)} s (${LOAD_CONCURRENCY} writers); every projection caught up ${catchUpSeconds.toFixed(0)} s after the app started.`,
      '',
    ].join('\n');
    await writeSection(text);
    process.stdout.write(`${text}\n`);
    log(`figures written to docs/BENCHMARKS.md under "${HEADING}"`);
    if (!pass) process.exitCode = 1;
  } catch (error) {
    if (app) log(`tracker output:\n${app.output()}`);
    throw error;
  } finally {
    await app?.stop();
    await stopPostgres();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
