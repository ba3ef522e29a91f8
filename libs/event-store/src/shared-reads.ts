import { START, type EventStore, type Position, type ReadAllBatch, type ReadAllOptions } from './event-store.js';

/**
 * The store as the projections of one process read it together. Live, every append wakes every
 * projection and each would read the same new events for itself: reads from one position that
 * start while another is under way share it, one read of every stream, of which each keeps its
 * own streams' events.
 *
 * Only a read that reached the head is shared that way: its `lastPosition` is then the head, as a
 * read filtered by the store gives. A read that comes back full says the reader is behind; it
 * reads on its own, filtered by the store, until it has caught up, so a projection catching up
 * alone never reads other projections' events.
 *
 * `store` must be an object of functions (both adapters and the sealing wrapper are).
 */
export function sharingReads(store: EventStore): EventStore {
  let underWay: { after: Position; limit: number; reading: Promise<ReadAllBatch> } | undefined;
  /** Readers (by their stream prefixes) whose last read came back full. */
  const behind = new Set<string>();

  const readOwn = async (options: ReadAllOptions, reader: string): Promise<ReadAllBatch> => {
    const batch = await store.readAll(options);
    if (batch.events.length < options.limit) behind.delete(reader);
    else behind.add(reader);
    return batch;
  };

  const readAll = async (options: ReadAllOptions): Promise<ReadAllBatch> => {
    const reader = (options.streamPrefixes ?? []).join('\n');
    const after = options.after ?? START;
    if (underWay?.after !== after) {
      if (behind.has(reader)) return readOwn(options, reader);
      const read = { after, limit: options.limit, reading: store.readAll({ after, limit: options.limit }) };
      underWay = read;
      void read.reading.finally(() => {
        if (underWay === read) underWay = undefined;
      }).catch(() => undefined);
    }
    const { limit, reading } = underWay;
    const all = await reading;
    if (all.events.length === limit) return readOwn(options, reader);
    const prefixes = options.streamPrefixes ?? [];
    return {
      events: prefixes.length ? all.events.filter((event) => prefixes.some((prefix) => event.streamId.startsWith(prefix))) : all.events,
      lastPosition: all.lastPosition,
    };
  };

  return { ...store, readAll };
}
