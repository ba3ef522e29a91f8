/**
 * `npm run bench:import`: an ACLED-shaped CSV of BENCH_ROWS rows (default 200,000; generated,
 * seeded) imported end to end into a fresh store and read models on one PostgreSQL server
 * (DATABASE_URL when set, otherwise an embedded cluster in a temporary directory): the import
 * itself, and the incidents, timeline and actors projections caught up, so the rows are on the
 * map; the projections follow the store while the import appends, as the app's do, with the app's
 * batch size. The floor is a plain COPY of the same file into a table of text columns, in the same
 * run. Prints rows/s for each, when each projection caught up, and the process's peak RSS.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../libs/database/src/index.js';
import { createPostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store.js';
import { actorProjection, incidentProjection, migrateReadModels, readModelDataSource, runProjection, timelineProjection } from '../libs/read-models/src/index.js';
import { runImport } from '../libs/tracker/src/index.js';
import { seededRandom } from '../test/seeded-random.js';
import { CpuMeter } from './tracker-app.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const COLUMNS = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,civilian_targeting,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,notes,fatalities,timestamp'.split(',');
const ACTORS = ['Military Forces of Mali (2013-)', 'MNLA: National Movement for the Liberation of Azawad', 'Unidentified Armed Group (Mali)', 'MUJAO', 'Ansar Dine', 'GATIA'];
const KINDS = [['Battles', 'Armed clash'], ['Explosions/Remote violence', 'Remote explosive/landmine/IED'], ['Violence against civilians', 'Attack'], ['Strategic developments', 'Arrests']];

async function writeAcledFile(path: string) {
  const { next: random, pick } = seededRandom(14);
  const file = createWriteStream(path);
  const write = (line: string) => (file.write(line) ? undefined : once(file, 'drain'));
  await write(stringify([COLUMNS]));
  for (let i = 0; i < ROWS; i++) {
    const [type, sub] = pick(KINDS);
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(random() * 3650) * 86_400_000).toISOString().slice(0, 10);
    await write(stringify([[`MLI${100000 + i}`, day, '1', type, sub, pick(ACTORS), '', 'State forces', pick(ACTORS), '', 'Rebel group', '', 'Kidal', 'Kidal', 'Kidal', 'Kidal',
      (14 + random() * 8).toFixed(4), (-4 + random() * 8).toFixed(4), '1', 'AFP', `Generated row ${i}, "quoted", with commas.`, String(Math.floor(random() * 5)), '1400457600']]));
  }
  file.end();
  await finished(file);
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  // The cluster's server runs as its own user when started as root: it must reach its directory.
  await chmod(dir, 0o755);
  let stop = async () => undefined as void;
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
      stop = server.stop;
      url = server.url;
    }
    const file = join(dir, 'acled.csv');
    await writeAcledFile(file);
    const [esUrl, rmUrl] = [withDatabase(url, `bench_import_es_${Date.now()}`), withDatabase(url, `bench_import_rm_${Date.now()}`)];
    await ensureDatabase(esUrl);
    await ensureDatabase(rmUrl);
    const store = await createPostgresEventStore({ connectionString: esUrl });
    const db = readModelDataSource(rmUrl);
    await db.initialize();
    await migrateReadModels(db);

    let t = performance.now();
    const client = new pg.Client({ connectionString: rmUrl });
    await client.connect();
    await client.query(`CREATE TABLE copy_floor (${COLUMNS.map((c) => `${c} text`).join(', ')})`);
    await pipeline(createReadStream(file), client.query(copyFrom('COPY copy_floor FROM STDIN (FORMAT csv, HEADER true)')));
    const copySeconds = (performance.now() - t) / 1000;
    await client.end();

    // The projections follow the store while the import appends, as the app's do: the import is
    // done, for a user, when its last row is on the map.
    const caughtUpAll = new AbortController();
    const caughtUp = new Map<string, number>();
    const last: { position?: string } = {};
    const following = [actorProjection, incidentProjection, timelineProjection].map((projection) =>
      runProjection(store, db, projection, {
        live: true,
        signal: caughtUpAll.signal,
        onBatch: ({ position }) => {
          if (last.position !== undefined && position >= last.position && !caughtUp.has(projection.name)) {
            caughtUp.set(projection.name, performance.now());
            if (caughtUp.size === 3) caughtUpAll.abort();
          }
        },
      }),
    );
    t = performance.now();
    // The importer and the projections run in this process; PostgreSQL's are its children when embedded.
    const meter = new CpuMeter(process.pid);
    const summary = await runImport(store, db, { dataset: 'acled', file, userId: 'bench' });
    const importSeconds = (performance.now() - t) / 1000;
    last.position = summary.lastPosition;
    // A projection already past the last position before the import returned says so on its next batch.
    await store.append('bench-marker', [{ id: crypto.randomUUID(), type: 'BenchMarker', data: {}, metadata: { userId: 'bench' } }], { expected: 'any' });
    await Promise.all(following);
    const totalSeconds = (Math.max(...caughtUp.values()) - t) / 1000;
    const cpu = meter.read();
    const perRow = (cores: number) => (cores * cpu.wall * 1e6) / ROWS;
    const perProjection = [...caughtUp].map(([name, at]) => `${name} ${((at - t) / 1000).toFixed(1)} s`);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM incidents');

    console.log(`rows ${ROWS} (new ${summary.new}, rejected ${summary.rejected}); ${n} incidents on the map`);
    console.log(`plain COPY floor: ${Math.round(ROWS / copySeconds)} rows/s (${copySeconds.toFixed(1)} s)`);
    console.log(`import (appended): ${Math.round(ROWS / importSeconds)} rows/s (${importSeconds.toFixed(1)} s)`);
    console.log(`end to end (appended and projected, the projections following the import): ${Math.round(ROWS / totalSeconds)} rows/s (${totalSeconds.toFixed(1)} s; ${perProjection.join(', ')})`);
    console.log(
      `CPU per row: Node ${perRow(cpu.node).toFixed(0)} µs + PostgreSQL ${process.env.DATABASE_URL ? '(not measured: a server of your own)' : `${perRow(cpu.postgres).toFixed(0)} µs`}; ` +
        `other work on the machine meanwhile ${cpu.others.toFixed(2)} cores`,
    );
    const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
    const floor = await writeFloor([esUrl, 'events'], [rmUrl, 'incidents'], [rmUrl, 'incident_versions'], [rmUrl, 'timeline_entries']);
    console.log(
      `write floor: the ${floor.rows} rows the import and its projections wrote (${floor.tables}), copied inside PostgreSQL into empty ` +
        `copies of their tables with the same indexes, all at once: ${floor.seconds.toFixed(1)} s = ${Math.round(ROWS / floor.seconds)} imported rows/s`,
    );
    console.log(`peak RSS ${peakRss} MB; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);
    await store.close();
    await db.destroy();
  } finally {
    await stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What writing this import's rows costs PostgreSQL alone: each table's rows copied by one
 * `INSERT … SELECT` into an empty copy with the same indexes (no client, no parsing, no JSON), the
 * tables at once on connections of their own. An import cannot be faster than this on the machine.
 */
async function writeFloor(...tables: [url: string, table: string][]): Promise<{ rows: number; tables: string; seconds: number }> {
  const clients = await Promise.all(
    tables.map(async ([url]) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    const columns = await Promise.all(
      tables.map(async ([, table], i) => {
        const { rows } = await clients[i].query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [table],
        );
        await clients[i].query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`);
        await clients[i].query('CHECKPOINT');
        return rows.map((r) => r.name).join(', ');
      }),
    );
    const started = performance.now();
    const counts = await Promise.all(
      tables.map(async ([, table], i) => (await clients[i].query(`INSERT INTO floor_${table} (${columns[i]}) SELECT ${columns[i]} FROM ${table}`)).rowCount ?? 0),
    );
    const seconds = (performance.now() - started) / 1000;
    return { rows: counts.reduce((a, b) => a + b, 0), tables: tables.map(([, table], i) => `${counts[i]} ${table}`).join(', '), seconds };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

await main();
