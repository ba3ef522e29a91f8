import { EventStoreUnavailableError } from './errors.js';
import type { EventStore } from './event-store.js';
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { createPostgresEventStore } from './postgres/postgres-event-store.js';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export const EVENT_STORE_KINDS: readonly EventStoreKind[] = ['postgres', 'eventstoredb'];

export interface OpenEventStoreOptions {
  /** From EVENT_STORE (default postgres). */
  kind: EventStoreKind;
  /** From DATABASE_URL: needed when kind is postgres. */
  postgresUrl?: string;
  /** From EVENTSTORE_CONNECTION_STRING: needed when kind is eventstoredb. */
  eventStoreDbConnectionString?: string;
}

/**
 * Opens the event store chosen by configuration and makes sure it answers, so that a process
 * with a wrong or unreachable store stops at start with a message naming the setting to fix.
 */
export async function openEventStore(options: OpenEventStoreOptions): Promise<EventStore> {
  switch (options.kind) {
    case 'postgres':
      return openPostgres(options.postgresUrl);
    case 'eventstoredb':
      return openEventStoreDb(options.eventStoreDbConnectionString);
    default:
      throw new Error(
        `EVENT_STORE=${String(options.kind)} is not a known event store: use ${EVENT_STORE_KINDS.join(' or ')}`,
      );
  }
}

export function isEventStoreKind(value: string): value is EventStoreKind {
  return (EVENT_STORE_KINDS as readonly string[]).includes(value);
}

async function openPostgres(url: string | undefined): Promise<EventStore> {
  if (!url)
    throw new Error('EVENT_STORE=postgres needs DATABASE_URL (a postgres:// connection string)');
  try {
    return await createPostgresEventStore({ connectionString: url });
  } catch (error) {
    throw new EventStoreUnavailableError(
      `cannot reach the PostgreSQL event store at ${redact(url)} (EVENT_STORE=postgres, DATABASE_URL): ${reason(error)}`,
      { cause: error },
    );
  }
}

async function openEventStoreDb(connectionString: string | undefined): Promise<EventStore> {
  if (!connectionString) {
    throw new Error(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
    );
  }
  let store: EventStore;
  try {
    store = await createEventStoreDbEventStore({ connectionString });
  } catch (error) {
    // A malformed connection string.
    throw new Error(`EVENTSTORE_CONNECTION_STRING is not usable: ${reason(error)}`, {
      cause: error,
    });
  }
  try {
    // The client connects lazily: a cheap read makes it connect now.
    await store.headPosition();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new EventStoreUnavailableError(
      `cannot reach EventStoreDB at ${redact(connectionString)} (EVENT_STORE=eventstoredb, EVENTSTORE_CONNECTION_STRING): ${reason(error)}`,
      { cause: error },
    );
  }
  return store;
}

/** A connection string without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
