/**
 * `npm run bench:store`: our PostgreSQL event store against Emmett's (`@event-driven-io/
 * emmett-postgresql`) and against plain INSERT / COPY / keyset SELECT on a plain table, in one
 * run on one PostgreSQL server: DATABASE_URL when set, otherwise an embedded cluster with the
 * default (durable) settings in a temporary directory, removed at the end.
 *
 * Each measurement runs in a child process (store-worker.ts). Knobs, for quick trial runs:
 * BENCH_EVENTS (catch-up size, default 1,000,000), BENCH_SECONDS (per timed line, default 5),
 * BENCH_READ_CAP_SECONDS (a reader is stopped after this long, default 30).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import pg from 'pg';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
  type RunningPostgres,
} from '../libs/database/src/index.js';
import type { ContestantName } from './store-contestants.js';
import { payloadBytes } from './store-payload.js';
import type { Job, JobResult, WorkerMessage } from './store-worker.js';

const CONTESTANTS: ContestantName[] = ['ours', 'emmett', 'raw'];
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const READ_CAP_SECONDS = Number(process.env.BENCH_READ_CAP_SECONDS ?? 30);
const READ_BATCH = 1000;
const LOAD_BATCH = 1000;
const LOAD_CONCURRENCY = 4;
const WORKER = fileURLToPath(new URL('./store-worker.ts', import.meta.url));

interface AppendLine {
  label: string;
  writers: number;
  batch: number;
  streamLength: number;
  target: number;
}

const APPEND_LINES: AppendLine[] = [
  {
    label: 'single-event appends/s, 1 writer',
    writers: 1,
    batch: 1,
    streamLength: 20,
    target: 2_500,
  },
  {
    label: 'single-event appends/s, 16 writers',
    writers: 16,
    batch: 1,
    streamLength: 20,
    target: 8_000,
  },
  {
    label: 'events/s in batches of 100, 1 writer',
    writers: 1,
    batch: 100,
    streamLength: 1_000,
    target: 80_000,
  },
  {
    label: 'events/s in batches of 100, 16 writers',
    writers: 16,
    batch: 100,
    streamLength: 1_000,
    target: 80_000,
  },
];

interface Row {
  label: string;
  values: Record<ContestantName, number>;
  /** Higher is better, except for memory. */
  higherIsBetter: boolean;
  target: number;
  targetText: string;
  notes: Partial<Record<ContestantName, string>>;
}

const log = (line: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => bytes / (1024 * 1024);

const children = new Set<ReturnType<typeof fork>>();

function runJob(job: Job, onProgress?: (n: number) => void): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    let result: JobResult | undefined;
    let error: string | undefined;
    child.on('message', (message: WorkerMessage) => {
      if ('progress' in message) onProgress?.(message.progress);
      else if ('result' in message) result = message.result;
      else error = message.error;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      if (result) resolve(result);
      else
        reject(
          new Error(
            `${job.kind} job for ${job.contestant} failed (exit ${code}): ${error ?? 'no result'}`,
          ),
        );
    });
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Flush dirty pages now, so that a checkpoint does not land inside the next timed line. */
async function checkpoint(serverUrl: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query('CHECKPOINT')).catch(() => undefined);
}

function progressBar(title: string, total: number) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${title.padEnd(22)} [{bar}] {percentage}% | {value}/{total} | {duration}s`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

async function main(): Promise<void> {
  let embedded: { server: RunningPostgres; dataDir: string } | undefined;
  let serverUrl = process.env.DATABASE_URL;
  const created: string[] = [];
  const cleanup = async () => {
    for (const child of children) child.kill('SIGKILL');
    if (embedded) {
      log('stopping the embedded PostgreSQL and removing its directory');
      await embedded.server.stop().catch(() => undefined);
      await rm(embedded.dataDir, { recursive: true, force: true });
    } else if (serverUrl) {
      for (const name of created) {
        await withClient(serverUrl, (c) =>
          c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        ).catch(() => undefined);
      }
    }
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    if (!serverUrl) {
      const dataDir = await mkdtemp(join(tmpdir(), 'bench-store-pg-'));
      log(`starting an embedded PostgreSQL in ${dataDir} (default, durable settings)`);
      embedded = { server: await startEmbeddedPostgres({ dataDir }), dataDir };
      serverUrl = embedded.server.url;
    }
    const server = serverUrl;

    const settings = await withClient(server, async (c) => {
      const show = async (name: string) =>
        (await c.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
      return {
        version: await show('server_version'),
        fsync: await show('fsync'),
        synchronousCommit: await show('synchronous_commit'),
        sharedBuffers: await show('shared_buffers'),
      };
    });
    const cpu = cpus();
    const machine = [
      `CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
      `Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
      `OS: Linux ${release()}`,
      `Node: ${process.version}`,
      `PostgreSQL: ${settings.version} (${embedded ? 'embedded, ' : 'DATABASE_URL, '}fsync=${settings.fsync}, ` +
        `synchronous_commit=${settings.synchronousCommit}, shared_buffers=${settings.sharedBuffers})`,
      `Payload: IncidentReported, ${payloadBytes()} bytes of JSON (data + metadata)`,
    ];
    machine.forEach((line) => log(line));
    const loadAtStart = loadavg();
    log(`load average at start: ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}`);

    const suffix = randomBytes(3).toString('hex');
    const databases = {} as Record<ContestantName, { writes: string; reads: string }>;
    for (const name of CONTESTANTS) {
      const writes = `bench_store_${name}_${suffix}`;
      const reads = `bench_store_${name}_read_${suffix}`;
      for (const db of [writes, reads]) {
        await ensureDatabase(withDatabase(server, db));
        created.push(db);
      }
      databases[name] = {
        writes: withDatabase(server, writes),
        reads: withDatabase(server, reads),
      };
    }

    const rows: Row[] = [];
    for (const [index, line] of APPEND_LINES.entries()) {
      const values = {} as Record<ContestantName, number>;
      for (const name of CONTESTANTS) {
        await checkpoint(server);
        const result = await runJob({
          kind: 'append',
          contestant: name,
          url: databases[name].writes,
          writers: line.writers,
          batch: line.batch,
          streamLength: line.streamLength,
          warmupMs: WARMUP_SECONDS * 1000,
          durationMs: SECONDS * 1000,
          tag: `l${index}`,
        });
        if (result.kind !== 'append') throw new Error('unexpected result');
        values[name] = result.events / result.seconds;
        log(
          `${line.label.padEnd(40)} ${name.padEnd(6)} ${fmt(values[name]).padStart(9)}  (${fmt(result.appends)} appends in ${result.seconds.toFixed(1)} s)`,
        );
      }
      rows.push({
        label: line.label,
        values,
        higherIsBetter: true,
        target: line.target,
        targetText: `≥ ${fmt(line.target)}`,
        notes: {},
      });
    }

    // Loading is not measured. One store at a time: side by side they only slowed each other
    // down (more WAL between checkpoints, more full-page writes).
    for (const name of CONTESTANTS) {
      let loaded = 0;
      const report = setInterval(
        () => log(`loading ${name}: ${fmt(loaded)} of ${fmt(EVENTS)}`),
        10_000,
      );
      const result = await runJob(
        {
          kind: 'load',
          contestant: name,
          url: databases[name].reads,
          total: EVENTS,
          batch: LOAD_BATCH,
          concurrency: LOAD_CONCURRENCY,
        },
        (n) => (loaded = n),
      ).finally(() => clearInterval(report));
      log(
        `loaded ${fmt(result.events)} events into ${name} in ${result.seconds.toFixed(1)} s (not a measured line)`,
      );
      // What autovacuum would have done by the time a reader catches up: hint bits, visibility, statistics.
      await withClient(databases[name].reads, (c) => c.query('VACUUM (ANALYZE)'));
    }
    await checkpoint(server);

    const readValues = {} as Record<ContestantName, number>;
    const rssValues = {} as Record<ContestantName, number>;
    const readNotes: Partial<Record<ContestantName, string>> = {};
    for (const name of CONTESTANTS) {
      const bar = progressBar(`catch-up ${name}`, EVENTS);
      const result = await runJob(
        {
          kind: 'read',
          contestant: name,
          url: databases[name].reads,
          batchSize: READ_BATCH,
          maxMs: READ_CAP_SECONDS * 1000,
        },
        (n) => bar.update(n),
      ).finally(() => bar.stop());
      if (result.kind !== 'read') throw new Error('unexpected result');
      readValues[name] = result.events / result.seconds;
      rssValues[name] = mb(result.peakRssBytes);
      if (result.timedOut)
        readNotes[name] =
          `stopped after ${READ_CAP_SECONDS} s at ${fmt(result.events)} of ${fmt(EVENTS)} events`;
      else if (result.events !== EVENTS)
        readNotes[name] = `finished with ${fmt(result.events)} of ${fmt(EVENTS)} events`;
      log(
        `catch-up ${name.padEnd(6)} ${fmt(result.events)} events in ${result.seconds.toFixed(1)} s = ${fmt(readValues[name])}/s, ` +
          `peak RSS ${mb(result.peakRssBytes).toFixed(0)} MB (${mb(result.baselineRssBytes).toFixed(0)} MB before reading)`,
      );
    }
    rows.push({
      label: `catch-up events/s from 0 over ${fmt(EVENTS)}`,
      values: readValues,
      higherIsBetter: true,
      target: 100_000,
      targetText: '≥ 100,000',
      notes: readNotes,
    });
    rows.push({
      label: 'catch-up reader peak RSS, MB',
      values: rssValues,
      higherIsBetter: false,
      target: 300,
      targetText: '< 300',
      notes: {},
    });

    const loadAtEnd = loadavg();
    machine.push(
      `Load average (1, 5, 15 min) at start ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}; ` +
        `at end ${loadAtEnd.map((l) => l.toFixed(2)).join(', ')}`,
    );
    process.stdout.write(`\n${machine.map((m) => `- ${m}`).join('\n')}\n\n${table(rows)}\n`);
  } finally {
    await cleanup();
  }
}

function table(rows: Row[]): string {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const cell = (row: Row, name: ContestantName) =>
    `${row.higherIsBetter ? fmt(row.values[name]) : row.values[name].toFixed(0)}${row.notes[name] ? ` (${row.notes[name]})` : ''}`;
  const lines = [
    '| Line | ours | emmett | raw | ours/emmett | ours/raw | target | meets target | ≥ peer | pass |',
    '|---|---:|---:|---:|---:|---:|---|---|---|---|',
  ];
  for (const row of rows) {
    const { ours, emmett } = row.values;
    const meetsTarget = row.higherIsBetter ? ours >= row.target : ours < row.target;
    const beatsPeer = row.higherIsBetter ? ours >= emmett : ours <= emmett;
    lines.push(
      `| ${row.label} | ${cell(row, 'ours')} | ${cell(row, 'emmett')} | ${cell(row, 'raw')} | ${ratio(ours, emmett)} | ` +
        `${ratio(ours, row.values.raw)} | ${row.targetText} | ${meetsTarget ? 'yes' : 'no'} | ${beatsPeer ? 'yes' : 'no'} | ` +
        `${meetsTarget && beatsPeer ? 'PASS' : 'FAIL'} |`,
    );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
