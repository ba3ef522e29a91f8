import { Command, InvalidArgumentError, Option } from 'commander';
import {
  EVENT_STORE_KINDS,
  START,
  catchUp,
  openEventStore,
  type EventStore,
  type EventStoreKind,
  type Position,
} from '#event-store';
import { CopyCheckpoints } from '../store-copy/checkpoints.js';
import { copyBatch } from '../store-copy/copy-batch.js';
import { describeEndpoint, sameEndpoint, type StoreEndpoint } from '../store-copy/endpoints.js';
import { startProgress } from '../store-copy/progress.js';
import { verifyCopy, type Verification } from '../store-copy/verify.js';

export interface StoreCopyOptions {
  from: StoreEndpoint;
  to: StoreEndpoint;
  /** The PostgreSQL database that keeps the copy's checkpoint (DATABASE_URL). */
  checkpointDatabaseUrl: string;
  /** Events per read from the source (default 500). */
  batchSize?: number;
  /** Ignore the saved checkpoint and copy from the beginning (harmless: appends are idempotent). */
  restart?: boolean;
  /** Compare counts and stream versions at the end (default true). */
  verify?: boolean;
  /** Show a progress bar (default false; the command turns it on). */
  progress?: boolean;
  /** Aborting stops after the current batch, its checkpoint saved: run again to resume. */
  signal?: AbortSignal;
  /** After each batch is copied and checkpointed. */
  onBatch?: (state: { copied: number; position: Position }) => void;
  log?: (line: string) => void;
}

export interface StoreCopyResult {
  /** False when stopped by the signal before the source's end. */
  completed: boolean;
  resumedFrom: Position;
  position: Position;
  /** Events copied by this run. */
  copied: number;
  verification?: Verification;
}

/**
 * Copies every event of one store into another, in the source's order: streaming in bounded
 * batches, resumable from a checkpoint, faithful (same ids, versions, data, metadata and
 * recording times), and verified at the end. Positions are the target's own: read models and
 * their checkpoints are rebuilt from the target after a switch, not copied.
 */
export async function storeCopy(options: StoreCopyOptions): Promise<StoreCopyResult> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 500;
  if (sameEndpoint(options.from, options.to)) {
    throw new Error(`--from and --to are the same store (${describeEndpoint(options.from)})`);
  }
  const [source, target] = [describeEndpoint(options.from), describeEndpoint(options.to)];

  const opened: { close(): Promise<void> }[] = [];
  try {
    const checkpoints = await CopyCheckpoints.open(options.checkpointDatabaseUrl);
    opened.push(checkpoints);
    const from = await open(options.from);
    opened.push(from);
    const to = await open(options.to);
    opened.push(to);

    const saved = options.restart ? undefined : await checkpoints.read(source, target);
    const resumedFrom = saved?.position ?? START;
    let copiedTotal = saved?.copiedEvents ?? 0;
    let copied = 0;
    let position = resumedFrom;
    log(
      saved
        ? `resuming ${source} → ${target} after ${saved.copiedEvents} events copied before`
        : `copying ${source} → ${target} from the beginning`,
    );

    const progress = startProgress({
      enabled: options.progress ?? false,
      kind: options.from.kind,
      from: resumedFrom,
      head: await from.headPosition(),
    });
    try {
      await catchUp(
        from,
        { from: resumedFrom, batchSize, signal: options.signal },
        async (batch) => {
          await copyBatch(to, batch.events);
          copied += batch.events.length;
          copiedTotal += batch.events.length;
          position = batch.lastPosition;
          await checkpoints.save(source, target, { position, copiedEvents: copiedTotal });
          progress.update(position, copiedTotal, copied);
          options.onBatch?.({ copied, position });
        },
      );
    } finally {
      progress.stop();
    }

    if (options.signal?.aborted) {
      log(`stopped after ${copied} events; run the same command again to resume`);
      return { completed: false, resumedFrom, position, copied };
    }
    log(`copied ${copied} events${saved ? ` (${copiedTotal} in all)` : ''}`);
    if (options.verify === false) return { completed: true, resumedFrom, position, copied };

    log('verifying: reading both stores to compare event counts and stream versions');
    const verification = await verifyCopy(from, to, batchSize);
    for (const line of describeVerification(verification)) log(line);
    return { completed: true, resumedFrom, position, copied, verification };
  } finally {
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
  }
}

function open(endpoint: StoreEndpoint): Promise<EventStore> {
  return endpoint.kind === 'postgres'
    ? openEventStore({ kind: 'postgres', postgresUrl: endpoint.url })
    : openEventStore({ kind: 'eventstoredb', eventStoreDbConnectionString: endpoint.url });
}

export function describeVerification(v: Verification): string[] {
  const lines = [
    `source: ${v.sourceEvents} events in ${v.sourceStreams} streams; target: ${v.targetEvents} events in ${v.targetStreams} streams`,
  ];
  for (const m of v.mismatches) {
    lines.push(
      `  stream ${m.streamId}: version ${m.sourceVersion} in the source, ${m.targetVersion} in the target`,
    );
  }
  if (v.mismatchCount > v.mismatches.length)
    lines.push(`  … and ${v.mismatchCount - v.mismatches.length} more streams`);
  lines.push(
    v.ok
      ? 'verified: the target holds every event and every stream at its version'
      : 'VERIFICATION FAILED',
  );
  return lines;
}

interface StoreCopyFlags {
  from: EventStoreKind;
  to: EventStoreKind;
  fromUrl?: string;
  toUrl?: string;
  batchSize: number;
  restart?: boolean;
  verify: boolean;
  progress: boolean;
}

/** Where each side is, from the flags or else the environment. */
export function resolveEndpoints(
  flags: Pick<StoreCopyFlags, 'from' | 'to' | 'fromUrl' | 'toUrl'>,
  env: NodeJS.ProcessEnv,
): { from: StoreEndpoint; to: StoreEndpoint; checkpointDatabaseUrl: string } {
  const side = (kind: EventStoreKind, url: string | undefined, flag: string): StoreEndpoint => {
    const resolved =
      url || (kind === 'postgres' ? env.DATABASE_URL : env.EVENTSTORE_CONNECTION_STRING);
    if (!resolved) {
      const variable = kind === 'postgres' ? 'DATABASE_URL' : 'EVENTSTORE_CONNECTION_STRING';
      throw new Error(`${flag} ${kind} needs ${variable} (or ${flag}-url)`);
    }
    return { kind, url: resolved };
  };
  const from = side(flags.from, flags.fromUrl, '--from');
  const to = side(flags.to, flags.toUrl, '--to');
  const checkpointDatabaseUrl =
    env.DATABASE_URL || [from, to].find((e) => e.kind === 'postgres')?.url;
  if (!checkpointDatabaseUrl) {
    throw new Error('store:copy keeps its checkpoint in PostgreSQL: set DATABASE_URL');
  }
  return { from, to, checkpointDatabaseUrl };
}

export function registerStoreCopy(program: Command): void {
  program
    .command('store:copy')
    .description(
      'Copy every event from one event store to the other: streaming, resumable (Ctrl-C, then run again), verified at the end',
    )
    .addOption(
      new Option('--from <store>', 'the source store')
        .choices(EVENT_STORE_KINDS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <store>', 'the target store')
        .choices(EVENT_STORE_KINDS)
        .makeOptionMandatory(),
    )
    .option(
      '--from-url <url>',
      'the source connection (default: DATABASE_URL or EVENTSTORE_CONNECTION_STRING)',
    )
    .option(
      '--to-url <url>',
      'the target connection (default: DATABASE_URL or EVENTSTORE_CONNECTION_STRING)',
    )
    .option('--batch-size <n>', 'events per read', positiveInteger, 500)
    .option('--restart', 'ignore the saved checkpoint and start from the beginning')
    .option('--no-verify', 'skip comparing counts and stream versions at the end')
    .option('--no-progress', 'no progress bar')
    .action(async (flags: StoreCopyFlags) => {
      const endpoints = resolveEndpoints(flags, process.env);
      const controller = new AbortController();
      // The first Ctrl-C stops after the current batch, its checkpoint saved; a second quits at once.
      const interrupt = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
      };
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
      try {
        const result = await storeCopy({
          ...endpoints,
          batchSize: flags.batchSize,
          restart: flags.restart,
          verify: flags.verify,
          progress: flags.progress && Boolean(process.stderr.isTTY),
          signal: controller.signal,
          log: (line) => console.error(line),
        });
        if (!result.completed) process.exitCode = 130;
        else if (result.verification && !result.verification.ok) process.exitCode = 2;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
}
