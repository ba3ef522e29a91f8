import { freshDatabaseUrl } from '../../../test/databases.js';
import { catchUp } from './catch-up.js';
import { START, type EventStore, type ReadAllOptions } from './event-store.js';
import { createPostgresEventStore } from './postgres/postgres-event-store.js';
import { sharingReads } from './shared-reads.js';
import { newEvent } from './testing/event-store.contract.js';

const READERS = [['incident-'], ['actor-', 'coalition-'], ['review-']];

describe('projections reading the store together (sharingReads)', () => {
  let store: EventStore;
  /** Every read that reached the store, as asked. */
  let reads: ReadAllOptions[];
  let counted: EventStore;

  beforeAll(async () => {
    store = await createPostgresEventStore({ connectionString: await freshDatabaseUrl('es_shared_reads') });
    for (const stream of ['incident-1', 'actor-1', 'incident-2', 'review-1', 'coalition-1', 'incident-3']) {
      await store.append(stream, [newEvent(), newEvent()], { expected: 'no_stream' });
    }
  });
  afterAll(() => store.close());
  beforeEach(() => {
    reads = [];
    counted = { ...store, readAll: (options) => (reads.push(options), store.readAll(options)) };
  });

  it('answers readers at one position with one read of the store, each with only its streams, up to the head', async () => {
    const shared = sharingReads(counted);
    const batches = await Promise.all(READERS.map((streamPrefixes) => shared.readAll({ after: START, limit: 100, streamPrefixes })));
    expect(reads).toHaveLength(1);
    const alone = await Promise.all(READERS.map((streamPrefixes) => store.readAll({ after: START, limit: 100, streamPrefixes })));
    expect(batches).toEqual(alone);
    expect(batches.map((b) => b.events.length)).toEqual([6, 4, 2]);
  });

  it('lets a reader that is behind read on its own, filtered by the store, and gives it what the store would', async () => {
    const shared = sharingReads(counted);
    // 12 events, 6 of them incidents: a shared read of 4 comes back full, so each reads its own.
    const first = await Promise.all(READERS.map((streamPrefixes) => shared.readAll({ after: START, limit: 4, streamPrefixes })));
    expect(first).toEqual(await Promise.all(READERS.map((streamPrefixes) => store.readAll({ after: START, limit: 4, streamPrefixes }))));
    expect(reads).toHaveLength(1 + READERS.length);
    // Still behind (its last read was full): the incidents reader goes on alone, filtered.
    reads = [];
    await shared.readAll({ after: first[0].lastPosition, limit: 4, streamPrefixes: READERS[0] });
    expect(reads).toEqual([{ after: first[0].lastPosition, limit: 4, streamPrefixes: READERS[0] }]);
  });

  it('hands every projection following the store the same events as its own reads would', async () => {
    const follow = (source: EventStore, streamPrefixes: string[]) => {
      const seen: string[] = [];
      return catchUp(source, { from: START, batchSize: 3, streamPrefixes }, async (batch) => {
        seen.push(...batch.events.map((e) => e.id));
      }).then((position) => ({ position, seen }));
    };
    const shared = sharingReads(counted);
    const together = await Promise.all(READERS.map((prefixes) => follow(shared, prefixes)));
    const alone = await Promise.all(READERS.map((prefixes) => follow(store, prefixes)));
    expect(together).toEqual(alone);
  });
});
