export * from './event-store.js';
export * from './errors.js';
export * from './catch-up.js';
export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
