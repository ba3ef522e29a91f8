import { randomBytes } from 'node:crypto';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { createEventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The same contract suite as the PostgreSQL run, with an EventStoreDB factory. It needs a server:
 * CI's GitHub workflow starts one as a service container and sets EVENTSTORE_CONNECTION_STRING.
 * Where none runs, the run is skipped with one visible line, and no server is faked.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => ({
    store: await createEventStoreDbEventStore({ connectionString }),
    // The server outlives this run and may be shared: every stream of this run is its own.
    prefix: `contract${randomBytes(4).toString('hex')}-`,
  }));
} else {
  const skipped =
    'EventStoreDB contract: skipped — EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server on this machine)';
  console.warn(skipped);
  it(skipped, () => undefined);
}
