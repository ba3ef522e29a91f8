import type { EventStore, Position, ReadAllBatch } from './event-store.js';
import { START } from './event-store.js';

export interface CatchUpOptions {
  from: Position;
  /** Events per read; at most one batch is read ahead of the handler (back-pressure). */
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
 * handler commits its own checkpoint (`batch.lastPosition`) with the rows it writes. While a full
 * batch is handled the next one is read (at most one ahead).
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
  const read = (after: Position) => {
    const reading = store.readAll({ after, limit: options.batchSize, streamPrefixes: options.streamPrefixes });
    // Awaited on the next turn of the loop, unless the handler failed first.
    reading.catch(() => undefined);
    return reading;
  };
  try {
    let next = read(position);
    while (!options.signal?.aborted) {
      const batch = await next;
      const full = batch.events.length === options.batchSize;
      // A full batch says more is waiting: it is read while this one is handled. The read starts
      // where this batch ends, exactly as it would after the handler, so nothing is skipped.
      if (full) next = read(batch.lastPosition);
      if (batch.events.length > 0 || batch.lastPosition > position) {
        await handle(batch);
        position = batch.lastPosition;
      }
      if (!full) {
        if (!options.live) break;
        const awaited = !stopWatching || announced > position;
        await pause(awaited ? (options.pollIntervalMs ?? 20) : (options.idleCheckMs ?? 1000), options.signal, (resume) => (wake = resume));
        wake = undefined;
        next = read(position);
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
