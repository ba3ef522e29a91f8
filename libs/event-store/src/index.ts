export * from './event-store.js';
export * from './errors.js';
export * from './catch-up.js';
export { sharingReads } from './shared-reads.js';
export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export {
  createEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './eventstoredb/eventstoredb-event-store.js';
export {
  openEventStore,
  isEventStoreKind,
  redact,
  EVENT_STORE_KINDS,
  type EventStoreKind,
  type OpenEventStoreOptions,
} from './open-event-store.js';
