/**
 * One measurement in a process of its own (forked by store.bench.ts): the contestant's pool and
 * type parsers stay out of the others' way, and a reader's RSS is its own. The job comes as JSON
 * in argv[2]; progress and the result go back over the IPC channel.
 */
import './source-imports.js';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createContestant, type Contestant, type ContestantName } from './store-contestants.js';
import { incidentEvent } from './store-payload.js';

export type Job =
  | {
      kind: 'append';
      contestant: ContestantName;
      url: string;
      /** Concurrent writers, each on streams of its own. */
      writers: number;
      /** Events per append. */
      batch: number;
      /** Events a stream takes before the writer moves to a new one. */
      streamLength: number;
      warmupMs: number;
      durationMs: number;
      /** Unique per line, so streams never collide across lines in one database. */
      tag: string;
    }
  | {
      kind: 'load';
      contestant: ContestantName;
      url: string;
      total: number;
      batch: number;
      concurrency: number;
    }
  | { kind: 'read'; contestant: ContestantName; url: string; batchSize: number; maxMs: number };

export type JobResult =
  | { kind: 'append'; appends: number; events: number; seconds: number }
  | { kind: 'load'; events: number; seconds: number }
  | {
      kind: 'read';
      events: number;
      seconds: number;
      timedOut: boolean;
      peakRssBytes: number;
      baselineRssBytes: number;
    };

export type WorkerMessage = { progress: number } | { result: JobResult } | { error: string };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

async function timedAppends(
  c: Contestant,
  job: Extract<Job, { kind: 'append' }>,
): Promise<JobResult> {
  let appends = 0;
  let stop = false;
  const writer = async (w: number) => {
    let stream = 0;
    let version = 0;
    while (!stop) {
      if (version >= job.streamLength) {
        stream++;
        version = 0;
      }
      const events = Array.from({ length: job.batch }, (_, i) => incidentEvent(i));
      await c.append(`incident-${job.tag}-${w}-${stream}`, version, events);
      version += job.batch;
      appends++;
    }
  };
  const writers = Array.from({ length: job.writers }, (_, w) =>
    writer(w).catch((error: unknown) => {
      stop = true;
      throw error;
    }),
  );
  const all = Promise.all(writers);
  all.catch(() => undefined);
  await Promise.race([sleep(job.warmupMs), all]);
  const c0 = appends;
  const t0 = performance.now();
  await Promise.race([sleep(job.durationMs), all]);
  const c1 = appends;
  const t1 = performance.now();
  stop = true;
  await all;
  return {
    kind: 'append',
    appends: c1 - c0,
    events: (c1 - c0) * job.batch,
    seconds: (t1 - t0) / 1000,
  };
}

async function load(c: Contestant, job: Extract<Job, { kind: 'load' }>): Promise<JobResult> {
  const t0 = performance.now();
  const appends = Math.ceil(job.total / job.batch);
  let next = 0;
  let done = 0;
  const progress = setInterval(() => void send({ progress: done }), 250);
  try {
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        for (let k = next++; k < appends; k = next++) {
          const size = Math.min(job.batch, job.total - k * job.batch);
          await c.append(
            `load-${k}`,
            0,
            Array.from({ length: size }, (_, i) => incidentEvent(i)),
          );
          done += size;
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  return { kind: 'load', events: done, seconds: (performance.now() - t0) / 1000 };
}

/** Peak resident set of this process so far (the kernel's high-water mark). */
function vmHwmBytes(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function read(c: Contestant, job: Extract<Job, { kind: 'read' }>): Promise<JobResult> {
  const baselineRssBytes = process.memoryUsage.rss();
  let peak = baselineRssBytes;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  let events = 0;
  const progress = setInterval(() => void send({ progress: events }), 250);
  const signal = AbortSignal.timeout(job.maxMs);
  const t0 = performance.now();
  try {
    await c.catchUp(job.batchSize, signal, (n) => {
      events += n;
    });
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    kind: 'read',
    events,
    seconds,
    timedOut: signal.aborted,
    peakRssBytes: Math.max(peak, vmHwmBytes()),
    baselineRssBytes,
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const contestant = await createContestant(job.contestant, job.url);
  try {
    const result =
      job.kind === 'append'
        ? await timedAppends(contestant, job)
        : job.kind === 'load'
          ? await load(contestant, job)
          : await read(contestant, job);
    await send({ result });
  } finally {
    await contestant.close();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }).catch(() => undefined);
    process.exit(1);
  },
);
