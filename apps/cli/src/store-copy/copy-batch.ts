import {
  EventIdReusedError,
  StreamVersionConflictError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';

/** The target holds, in a stream, something other than the source: the copy stops. */
export class CopyDivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyDivergenceError';
  }
}

/**
 * Appends a batch read from the source to the target, in the source's order. Consecutive events
 * of one stream recorded at the same time (one source append, as a rule) go in one append, at the
 * source's version - 1 as the exact expected version, with their original recording time.
 */
export async function copyBatch(target: EventStore, events: RecordedEvent[]): Promise<void> {
  for (const run of runs(events)) await copyRun(target, run);
}

function* runs(events: RecordedEvent[]): Generator<RecordedEvent[]> {
  let run: RecordedEvent[] = [];
  for (const event of events) {
    const last = run[run.length - 1];
    const joins =
      last &&
      last.streamId === event.streamId &&
      last.version + 1 === event.version &&
      last.recordedAt.getTime() === event.recordedAt.getTime();
    if (!joins && run.length) {
      yield run;
      run = [];
    }
    run.push(event);
  }
  if (run.length) yield run;
}

async function copyRun(target: EventStore, run: RecordedEvent[]): Promise<void> {
  const [first] = run;
  try {
    await target.append(first.streamId, run.map(toNewEvent), {
      expected: first.version - 1,
      recordedAt: first.recordedAt,
    });
  } catch (error) {
    // Copied before, whole or in part (a batch re-read after an interruption): check, and add
    // what is missing.
    if (error instanceof EventIdReusedError || error instanceof StreamVersionConflictError) {
      return reconcile(target, run, error);
    }
    throw error;
  }
}

async function reconcile(target: EventStore, run: RecordedEvent[], cause: Error): Promise<void> {
  const [first] = run;
  const existing = await target.readStream(first.streamId, { fromVersion: first.version });
  if (existing.length === 0) {
    const actual = cause instanceof StreamVersionConflictError ? cause.actual : '?';
    throw new CopyDivergenceError(
      `target stream ${first.streamId} is at version ${actual}, but the source's next events start at version ${first.version}`,
    );
  }
  const overlap = Math.min(existing.length, run.length);
  for (let i = 0; i < overlap; i++) {
    if (existing[i].id !== run[i].id) {
      throw new CopyDivergenceError(
        `stream ${first.streamId} differs at version ${run[i].version}: event ${run[i].id} in the source, ${existing[i].id} in the target`,
      );
    }
  }
  const missing = run.slice(overlap);
  if (missing.length === 0) return;
  await target.append(first.streamId, missing.map(toNewEvent), {
    expected: missing[0].version - 1,
    recordedAt: missing[0].recordedAt,
  });
}

function toNewEvent(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}
