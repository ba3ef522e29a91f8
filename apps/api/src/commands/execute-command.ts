import { IllegalStateError, type Decider, type Requester } from '#domain';
import { StreamVersionConflictError, type AppendResult, type EventStore, type ExpectedVersion, type RecordedEvent } from '#event-store';
import { eventIdOf, type CommandMetadata } from './command-metadata.js';

export interface CommandOptions {
  /** The version the client saw; absent when the command creates the stream or needs no check. */
  expectedVersion?: number;
  /** Why, in the user's words: kept in every event's metadata. */
  reason?: string;
  /**
   * The command makes its stream (a report), so it is decided on the empty state and appended
   * as the stream's first events without reading it first. A stream already there (an id in
   * use, or the same command run again) is then read and answered as by any other command.
   */
  createsStream?: boolean;
}

/** What every decider may use: the clock and who asks. */
interface DecisionContext {
  now: Date;
  requester: Requester;
}

/**
 * One command on one stream: read it, fold, decide, append at the version read. A command
 * already applied (same command id, i.e. a retried request) answers as it did the first time.
 * Event ids follow from the command id, so even a retry racing the first attempt appends once.
 */
export async function executeCommand<Command, Event extends { type: string; data: object }, State>(
  store: EventStore,
  decider: Decider<Command, Event, State, DecisionContext>,
  streamId: string,
  command: Command,
  meta: CommandMetadata,
  options: CommandOptions = {},
): Promise<AppendResult> {
  // With an Idempotency-Key the earlier events are read: a retry must match the request they were bound to.
  if (options.createsStream && !meta.requestHash) {
    try {
      return await decideAndAppend(store, decider, streamId, decider.initialState(), command, meta, options, 'no_stream');
    } catch (error) {
      if (!(error instanceof StreamVersionConflictError)) throw error;
    }
  }
  const recorded = await store.readStream(streamId);
  const earlier = recorded.filter((e) => e.metadata.commandId === meta.commandId);
  // Events recorded before keys were bound to a request carry no hash; the interceptor's claim covers them.
  const boundTo = earlier[0]?.metadata.requestHash;
  if (boundTo !== undefined && meta.requestHash && boundTo !== meta.requestHash) throw keyReused();
  if (earlier.length) return { version: earlier[earlier.length - 1].version, position: earlier[earlier.length - 1].position };

  const current = recorded.length;
  // A stream that does not exist is the rules' to refuse (not found), not a version conflict.
  if (options.expectedVersion !== undefined && current > 0 && options.expectedVersion !== current) {
    throw new StreamVersionConflictError(streamId, options.expectedVersion, current);
  }
  const state = foldRecorded(decider, recorded);
  return decideAndAppend(store, decider, streamId, state, command, meta, options, current === 0 ? 'no_stream' : current);
}

async function decideAndAppend<Command, Event extends { type: string; data: object }, State>(
  store: EventStore,
  decider: Decider<Command, Event, State, DecisionContext>,
  streamId: string,
  state: State,
  command: Command,
  meta: CommandMetadata,
  options: CommandOptions,
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const decided = decider.decide(command, state, { now: meta.now, requester: { username: meta.userId, roles: meta.roles } });
  return store.append(
    streamId,
    decided.map((event, index) => ({
      id: eventIdOf(meta.commandId, index),
      type: event.type,
      data: event.data as never,
      metadata: {
        userId: meta.userId,
        commandId: meta.commandId,
        correlationId: meta.correlationId,
        ...(options.reason ? { reason: options.reason } : {}),
        ...(meta.requestHash ? { requestHash: meta.requestHash } : {}),
      },
    })),
    { expected, recordedAt: meta.recordedAt },
  );
}

export const keyReused = () => new IllegalStateError('idempotency_key_reused', 'this Idempotency-Key was used for a different request');

/** The folded state of a stream, for a handler gathering facts from another aggregate. */
export async function readState<Event, State>(store: EventStore, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, streamId: string) {
  return foldRecorded(decider, await store.readStream(streamId));
}

/** A stream's recorded events folded into its state. */
export function foldRecorded<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, recorded: readonly RecordedEvent[]): State {
  return (recorded as unknown as Event[]).reduce(decider.evolve, decider.initialState());
}
