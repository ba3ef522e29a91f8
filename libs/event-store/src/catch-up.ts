import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, Position, ReadAllBatch } from './event-store.js';

export interface CatchUpOptions {
  from: Position;
  /** Events per read; the next read waits until the handler has finished (back-pressure). */
  batchSize: number;
  streamPrefixes?: string[];
  /** Keep polling for new events once caught up, until the signal aborts. */
  live?: boolean;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads the store from a checkpoint in bounded batches and hands each to `handle`; the
 * handler commits its own checkpoint (`batch.lastPosition`) with the rows it writes.
 * Returns the last position handled when caught up (or when aborted).
 */
export async function catchUp(
  store: EventStore,
  options: CatchUpOptions,
  handle: (batch: ReadAllBatch) => Promise<void>,
): Promise<Position> {
  let position = options.from;
  while (!options.signal?.aborted) {
    const batch = await store.readAll({ after: position, limit: options.batchSize, streamPrefixes: options.streamPrefixes });
    if (batch.events.length > 0 || batch.lastPosition > position) {
      await handle(batch);
      position = batch.lastPosition;
    }
    if (batch.events.length < options.batchSize) {
      if (!options.live) break;
      await sleep(options.pollIntervalMs ?? 20, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
  return position;
}
