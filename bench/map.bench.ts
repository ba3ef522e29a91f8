/**
 * `npm run bench:map`: with 20,000 incidents in the store, how long until the map of a region
 * (Kidal) has drawn its clusters in headless Chromium, counted from the start of navigation:
 * page, scripts, API pages, clustering and drawing. The goal is under 2 s.
 *
 * Runs the built app (dist/, from `npm run build`) against an embedded PostgreSQL in a
 * temporary directory. The incidents are appended straight to the event store (the API's
 * projection then folds them, as it would after an import); only the map is timed.
 * Knobs: BENCH_INCIDENTS (default 20,000), BENCH_RUNS (default 5), BENCH_VERBOSE=1 (each run's
 * figures), BENCH_KEEP=1 (leave the app running afterwards, to look at it; Ctrl-C ends).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import { INCIDENT_TYPES, type IncidentType } from '../libs/domain/src/incident/incident.taxonomy.js';
import { createPostgresEventStore } from '../libs/event-store/src/index.js';
import { BENCH_APP_ENV, benchAuthorization } from './bench-account.js';
import { MAIN, startTrackerApp } from './tracker-app.js';
import { eventually } from '../test/eventually.js';
import { seededRandom } from '../test/seeded-random.js';

let loadStart = 0;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL_MS = 2000;
const VIEWS = [
  { name: 'Kidal region', path: '/?lat=19.3&lon=1.3&z=7' },
  { name: 'Northern Mali', path: '/?lat=18&lon=-2.5&z=6' },
];

// A fixed seed: every run benchmarks the same map.
const { next: random, pick, gaussian } = seededRandom(20120117);

/** Incidents around the gazetteer's towns (most of them in the north), some anywhere in the north. */
function incident(places: { name: string; lat: number; lon: number; admin1: string }[]) {
  const anywhere = random() < 0.15;
  const place = pick(places);
  const lat = anywhere ? 14 + random() * 7 : place.lat + gaussian() * 0.25;
  const lon = anywhere ? -5 + random() * 9 : place.lon + gaussian() * 0.25;
  const type = pick(Object.keys(INCIDENT_TYPES) as IncidentType[]);
  const day = new Date(Date.UTC(2012, 0, 17) + Math.floor(random() * 1250) * 86_400_000).toISOString().slice(0, 10);
  return {
    occurredAt: day,
    timePrecision: 'day',
    location: { lat: Number(lat.toFixed(4)), lon: Number(lon.toFixed(4)), place: place.name, admin1: place.admin1, precision: anywhere ? 'region' : 'near' },
    type,
    subType: pick(INCIDENT_TYPES[type]),
    targets: [pick(['civilians', 'peacekeepers', 'state_forces', 'armed_groups'])],
    actors: [{ actorId: pick(['mnla', 'fama', 'gatia', 'hcua', 'mujao', 'minusma']), role: 'perpetrator' }],
    harm: { killed: Math.floor(random() ** 3 * 12), injured: Math.floor(random() ** 2 * 10), abducted: 0 },
    description: 'Benchmark incident.',
    sources: [],
  };
}

async function main() {
  if (!existsSync(MAIN) || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('dist/ or apps/web/dist/ is missing: run `npm run build` first');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tracker-bench-map-'));
  // Under root the embedded server runs as a `postgres` user, which must reach its data directory.
  await chmod(dataDir, 0o755);
  // Durability does not matter for loading a benchmark's data, and fsync would make it minutes.
  const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), serverFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] });
  const databaseUrl = withDatabase(postgres.url, 'tracker');
  await ensureDatabase(databaseUrl);
  const app = await startTrackerApp({ databaseUrl });
  const { baseUrl } = app;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const authorization = await benchAuthorization(baseUrl);
    // The page starts signed in (the session the sign-in screen would have stored): only the map is timed.
    const signIn = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: BENCH_APP_ENV.BOOTSTRAP_ADMIN_PASSWORD }) });
    const session = JSON.stringify(await signIn.json());

    process.stdout.write(`appending ${INCIDENTS} incidents… `);
    const started = Date.now();
    const { places } = JSON.parse(readFileSync(join(ROOT, 'data/gazetteer.json'), 'utf8')) as { places: { name: string; lat: number; lon: number; admin1: string }[] };
    const store = await createPostgresEventStore({ connectionString: databaseUrl });
    let next = 0;
    let last = '';
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < INCIDENTS) {
          next += 1;
          const incidentId = randomUUID();
          const result = await store.append(
            `incident-${incidentId}`,
            [{ id: randomUUID(), type: 'IncidentReported', data: { incidentId, ...incident(places) }, metadata: { userId: 'bench' } }],
            { expected: 'no_stream' },
          );
          if (result.position > last) last = result.position;
        }
      }),
    );
    await store.close();
    await eventually('the projection', async () => {
      const response = await fetch(`${baseUrl}/api/incidents?limit=1&minPosition=${encodeURIComponent(last)}`, { headers: authorization });
      return response.ok && !response.headers.has('x-read-model-behind');
    }, { timeoutMs: 300_000, intervalMs: 200 });
    console.log(`stored and projected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Let PostgreSQL's autovacuum and checkpoint after the load finish before timing anything.
    await new Promise((resolve) => setTimeout(resolve, 15_000));

    loadStart = loadavg()[0];
    const results: Result[] = [];
    for (const view of VIEWS) {
      const runs: Run[] = [];
      for (let run = 0; run <= RUNS; run++) {
        // A new context each time: an empty cache, like a first visit.
        // bypassCSP: the app's Content-Security-Policy forbids eval, which the bench's probes use.
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', bypassCSP: true });
        await context.addInitScript(`localStorage.setItem('tracker.session', ${JSON.stringify(session)})`);
        const page = await context.newPage();
        await page.goto(baseUrl + view.path);
        await page.waitForFunction("performance.getEntriesByName('incidents-rendered').length > 0", undefined, { timeout: 60_000 });
        // A string, not a function: tsx's helpers would not exist inside the page.
        const figures = (await page.evaluate(`(() => {
          const mark = (name) => performance.getEntriesByName(name)[0].startTime;
          const api = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/incidents/map?'));
          return {
            pageReady: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
            api: api.reduce((sum, r) => sum + r.responseEnd - r.startTime, 0),
            client: mark('incidents-rendered') - performance.getEntriesByName('incidents-received').at(-1).startTime,
            rendered: mark('incidents-rendered'),
            requests: api.length,
            kilobytes: api.reduce((sum, r) => sum + r.decodedBodySize, 0) / 1024,
            gzipKilobytes: api.reduce((sum, r) => sum + r.encodedBodySize, 0) / 1024,
          };
        })()`)) as Omit<Run, 'incidents'>;
        if (process.env.BENCH_VERBOSE) console.log(view.name, run, figures);
        const incidents = Number(((await page.textContent('#map-status')) ?? '').replace(/\D/g, ''));
        await context.close();
        if (run > 0) runs.push({ ...figures, incidents }); // run 0 warms up the server and Chromium
      }
      const row = { view: view.name, runs };
      results.push(row);
      console.log(`${view.name}: ${incidentsOf(row)} incidents in view, rendered in ${median(row, 'rendered')} ms (median of ${RUNS}; max ${max(row, 'rendered')} ms)`);
    }
    await record(results);
    if (process.env.BENCH_KEEP) {
      console.log(`BENCH_KEEP: the app stays up at ${baseUrl} until Ctrl-C`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
    const verdict = max(results[0], 'rendered') < GOAL_MS ? 'PASS' : 'FAIL';
    console.log(`${verdict}: ${results[0].view} view rendered in at most ${max(results[0], 'rendered')} ms (goal < ${GOAL_MS} ms)`);
    if (verdict === 'FAIL') process.exitCode = 1;
  } finally {
    await browser.close();
    await app.stop();
    await postgres.stop();
    // Retries: the stopped server may still be writing its last files for a moment.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

interface Run {
  incidents: number;
  pageReady: number;
  api: number;
  client: number;
  rendered: number;
  requests: number;
  kilobytes: number;
  gzipKilobytes: number;
}
interface Result {
  view: string;
  runs: Run[];
}

const values = (result: Result, key: keyof Run) => result.runs.map((run) => run[key]).sort((a, b) => a - b);
const median = (result: Result, key: keyof Run) => Math.round(values(result, key)[Math.floor(result.runs.length / 2)]);
const max = (result: Result, key: keyof Run) => Math.round(Math.max(...values(result, key)));
const incidentsOf = (result: Result) => result.runs[0].incidents.toLocaleString('en');
const kib = (value: number) => `${Math.round(value).toLocaleString('en')} KiB`;

/** Writes this benchmark's section of docs/BENCHMARKS.md, leaving the other sections alone. */
async function record(results: Result[]) {
  const file = join(ROOT, 'docs/BENCHMARKS.md');
  const heading = '## Map (npm run bench:map)';
  const section = [
    heading,
    '',
    `${INCIDENTS.toLocaleString('en')} incidents in the store (around the gazetteer's towns, 15 % scattered over the north), the built app`,
    'served by the API, headless Chromium (Debian), 1280×800, an empty cache for each run. Time from the start of',
    'navigation until the last page of incidents for the view is clustered and drawn (two animation frames after the',
    `last marker was added): HTML, scripts, API requests, supercluster, Leaflet. Median and maximum of ${RUNS} runs after a`,
    `warm-up run, on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}; load average during the`,
    `runs ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)} (other work on the machine slows every figure).`,
    '',
    '| View | Incidents in view | API requests | Incidents JSON (gzip) | Page ready | API answered | Clustered and drawn | Rendered (median) | Rendered (max) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) =>
      [r.view, incidentsOf(r), r.runs[0].requests, `${kib(r.runs[0].kilobytes)} (${kib(r.runs[0].gzipKilobytes)})`, `${median(r, 'pageReady')} ms`, `${median(r, 'api')} ms`, `${median(r, 'client')} ms`, `**${median(r, 'rendered')} ms**`, `${max(r, 'rendered')} ms`]
        .join(' | ').replace(/^/, '| ').replace(/$/, ' |')),
    '',
    '"Page ready": HTML and the first script loaded (DOMContentLoaded; the incidents are requested then). "API answered":',
    'waiting for and receiving the incidents of the view. "Clustered and drawn": from the last byte to the painted',
    'frame (JSON parsing, supercluster, Leaflet markers). Medians. The app\'s own code loads while the API works.',
    '',
    `Goal: a region view rendered in under ${GOAL_MS / 1000} s — **${max(results[0], 'rendered') < GOAL_MS ? 'met' : 'not met'}** (${results[0].view}: at most ${max(results[0], 'rendered')} ms).`,
    'Only the incidents of the visible area are fetched (`bbox`, in pages of 50,000), so a view costs what it shows,',
    'not the whole store; and only what the map draws of each (`GET /api/incidents/map`: id, point, type, killed, date,',
    'place, retracted — about 110 bytes, where the GeoJSON list sends ~470), gzipped.',
    '',
  ].join('\n');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(heading);
  const end = start < 0 ? -1 : existing.indexOf('\n## ', start + heading.length);
  const updated =
    start < 0 ? `${existing.trimEnd()}\n\n${section}` : `${existing.slice(0, start)}${section}${end < 0 ? '' : `\n${existing.slice(end + 1)}`}`;
  await writeFile(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  console.log(`written to docs/BENCHMARKS.md (${heading})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
