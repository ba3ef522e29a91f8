import { randomBytes } from 'node:crypto';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { createEventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The same contract suite as the PostgreSQL run, with a KurrentDB (EventStoreDB) factory. It needs
 * a server: CI's GitHub workflow starts one as a service container and sets
 * EVENTSTORE_CONNECTION_STRING. Where none runs, jest reports the suite as skipped; no server is
 * faked.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describeEventStoreContract(
  'EventStoreDB',
  async () => ({
    store: await createEventStoreDbEventStore({ connectionString: connectionString! }),
    // The server outlives this run and may be shared: every stream of this run is its own.
    prefix: `contract${randomBytes(4).toString('hex')}-`,
  }),
  { skipped: connectionString ? undefined : 'EVENTSTORE_CONNECTION_STRING is not set' },
);
