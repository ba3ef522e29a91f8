import { START, catchUp, type EventStore } from '#event-store';

export interface StoreSummary {
  events: number;
  /** Each stream's version (its number of events). */
  versions: Map<string, number>;
}

export interface StreamMismatch {
  streamId: string;
  /** 0 when the stream is missing on that side. */
  sourceVersion: number;
  targetVersion: number;
}

export interface Verification {
  ok: boolean;
  sourceEvents: number;
  targetEvents: number;
  sourceStreams: number;
  targetStreams: number;
  /** Streams whose versions differ; the first 100. */
  mismatches: StreamMismatch[];
  mismatchCount: number;
}

/** Reads the whole store in bounded batches; memory grows with the number of streams only. */
export async function summarize(store: EventStore, batchSize: number): Promise<StoreSummary> {
  const summary: StoreSummary = { events: 0, versions: new Map() };
  await catchUp(store, { from: START, batchSize }, async ({ events }) => {
    for (const event of events) {
      summary.events++;
      if (event.version > (summary.versions.get(event.streamId) ?? 0))
        summary.versions.set(event.streamId, event.version);
    }
  });
  return summary;
}

/** Compares the event counts and every stream's version on both sides. */
export async function verifyCopy(
  source: EventStore,
  target: EventStore,
  batchSize: number,
): Promise<Verification> {
  const [from, to] = [await summarize(source, batchSize), await summarize(target, batchSize)];
  const mismatches: StreamMismatch[] = [];
  let mismatchCount = 0;
  const note = (mismatch: StreamMismatch) => {
    mismatchCount++;
    if (mismatches.length < 100) mismatches.push(mismatch);
  };
  for (const [streamId, sourceVersion] of from.versions) {
    const targetVersion = to.versions.get(streamId) ?? 0;
    if (targetVersion !== sourceVersion) note({ streamId, sourceVersion, targetVersion });
  }
  for (const [streamId, targetVersion] of to.versions) {
    if (!from.versions.has(streamId)) note({ streamId, sourceVersion: 0, targetVersion });
  }
  return {
    ok: mismatchCount === 0 && from.events === to.events,
    sourceEvents: from.events,
    targetEvents: to.events,
    sourceStreams: from.versions.size,
    targetStreams: to.versions.size,
    mismatches,
    mismatchCount,
  };
}
