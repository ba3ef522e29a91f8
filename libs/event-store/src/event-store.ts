/**
 * The event store port: every adapter (PostgreSQL, EventStoreDB) implements it and the rest
 * of the tracker knows only this.
 *
 * Versions are 1-based: a stream's version is the number of events in it, its first event
 * has version 1, and "no stream" is version 0.
 *
 * Positions are opaque strings that sort in global read order when compared as strings,
 * so a checkpoint or a client's `minPosition` is compared with `<` and `>` alone.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Position = string;
/** What both adapters hand out: two zero-padded 20-digit offsets (see their position.ts). */
export const isPosition = (value: unknown): value is Position => typeof value === 'string' && /^\d{20}-\d{20}$/.test(value);
/** Before the first event of the store. */
export const START: Position = '';

export interface EventMetadata {
  /** Who issued the command. */
  userId: string;
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** Why, in the user's words, when the command carried a reason. */
  reason?: string;
  [key: string]: JsonValue | undefined;
}

export interface NewEvent {
  /** Unique per event: appending the same id again is a no-op that answers like the first. */
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  version: number;
  position: Position;
  /** Stamped by the store when the event was committed. */
  recordedAt: Date;
}

export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's version after the append: the version of its last event. */
  version: number;
  /** The position of the last appended event. */
  position: Position;
}

export interface ReadAllOptions {
  after?: Position;
  limit: number;
  /** Only streams whose id starts with one of these. */
  streamPrefixes?: string[];
}

export interface ReadAllBatch {
  events: RecordedEvent[];
  /**
   * How far this read has looked: the last event's position when the batch is full, otherwise
   * the head of the store as of the read, which may lie beyond events filtered out. Resume with
   * `after: lastPosition`.
   */
  lastPosition: Position;
}

export interface AppendOptions {
  expected: ExpectedVersion;
  /**
   * Only for importing records kept before this store existed (the demo set, a legacy system):
   * the time they were originally recorded. Otherwise the store stamps the commit time.
   */
  recordedAt?: Date;
}

/** One stream's part of a batch appended to many streams at once. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to many streams in one transaction, all or none: a version conflict or reused ids on
   * any stream refuse the whole batch (with the error `append` gives for that stream). A stream
   * whose events are all stored already is answered as the first time. Each stream at most once;
   * results in the order given. Optional: a store without it is appended to stream by stream.
   */
  appendMany?(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** All events of the stream in version order; an empty list when it does not exist. */
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  /** The events of each stream named, in version order (no entry: no event), in one read where the store can. */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options: ReadAllOptions): Promise<ReadAllBatch>;
  /** The position of the newest event a reader may see now. */
  headPosition(): Promise<Position>;
  /**
   * Calls `listener` soon after events are appended, by this process or another, with the
   * position of the last of them (it may take a moment more to be readable: `readAll` waits for
   * older transactions still open). Resolves, once every later append will be announced, to the
   * function that stops the calls. Optional: a store without it is polled.
   */
  watchAppends?(listener: (position: Position) => void): Promise<() => void>;
  close(): Promise<void>;
}
