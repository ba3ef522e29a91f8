import type { EventStore, Position, ReadAllBatch } from './event-store.js';
import { START } from './event-store.js';

export interface CatchUpOptions {
  from: Position;
  /** Events per read; the next read waits until the handler has finished (back-pressure). */
  batchSize: number;
  streamPrefixes?: string[];
  /** Keep following the store once caught up, until the signal aborts. */
  live?: boolean;
  /** Between looks while events are known to be coming, or always if the store announces no appends (default 20). */
  pollIntervalMs?: number;
  /** Between looks when the store announces appends and none is awaited: only a safety net (default 1000). */
  idleCheckMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads the store from a checkpoint in bounded batches and hands each to `handle`; the
 * handler commits its own checkpoint (`batch.lastPosition`) with the rows it writes.
 * Returns the last position handled when caught up (or when aborted).
 *
 * Live, it sleeps once caught up until the store announces an append, looking again every
 * `pollIntervalMs` until that append is read (an older transaction may still hold it back).
 */
export async function catchUp(
  store: EventStore,
  options: CatchUpOptions,
  handle: (batch: ReadAllBatch) => Promise<void>,
): Promise<Position> {
  let position = options.from;
  let announced: Position = START;
  let wake: (() => void) | undefined;
  const stopWatching = options.live
    ? await store.watchAppends?.((appended) => {
        if (appended > announced) announced = appended;
        wake?.();
      })
    : undefined;
  try {
    while (!options.signal?.aborted) {
      const batch = await store.readAll({ after: position, limit: options.batchSize, streamPrefixes: options.streamPrefixes });
      if (batch.events.length > 0 || batch.lastPosition > position) {
        await handle(batch);
        position = batch.lastPosition;
      }
      if (batch.events.length < options.batchSize) {
        if (!options.live) break;
        const awaited = !stopWatching || announced > position;
        await pause(awaited ? (options.pollIntervalMs ?? 20) : (options.idleCheckMs ?? 1000), options.signal, (resume) => (wake = resume));
        wake = undefined;
      }
    }
  } finally {
    stopWatching?.();
  }
  return position;
}

/** Waits `ms`, or less if aborted or woken through the function handed to `onWake`. */
function pause(ms: number, signal: AbortSignal | undefined, onWake: (resume: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    onWake(done);
  });
}
