import pg from 'pg';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { describeEventStoreContract, newEvent } from '../testing/event-store.contract.js';
import { fromPosition } from './position.js';
import type { EventStore, RecordedEvent } from '../event-store.js';
import { catchUp } from '../catch-up.js';

describeEventStoreContract('PostgreSQL', async () => ({
  store: await createPostgresEventStore({ connectionString: await freshDatabaseUrl('es_contract') }),
  prefix: '',
}));

describe('PostgreSQL event store', () => {
  let url: string;
  let store: EventStore;
  let raw: pg.Pool;

  beforeAll(async () => {
    url = await freshDatabaseUrl('es_pg');
    store = await createPostgresEventStore({ connectionString: url });
    raw = new pg.Pool({ connectionString: url });
  });
  afterAll(async () => {
    await store.close();
    await raw.end();
  });

  const globalPosition = (position: string) => BigInt(fromPosition(position).globalPosition);

  it('burns no global position for a losing writer', async () => {
    const first = await store.append('incident-burn', [newEvent()], { expected: 'no_stream' });
    const losers = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.append('incident-burn', [newEvent()], { expected: 0 })),
    );
    expect(losers.every((o) => o.status === 'rejected')).toBe(true);
    await expect(store.append('incident-burn', [newEvent()], { expected: 'stream_exists' })).resolves.toBeDefined();
    const [, second] = await store.readStream('incident-burn');
    expect(globalPosition(second.position)).toBe(globalPosition(first.position) + 1n);
  });

  describe('appending to many streams at once', () => {
    const fresh = (name: string) => `incident-${name}-${Math.random().toString(36).slice(2)}`;

    it('appends each stream at its expected version, in the order given, and answers each', async () => {
      const [a, b, c] = [fresh('a'), fresh('b'), fresh('c')];
      await store.append(b, [newEvent()], { expected: 'no_stream' });
      await store.append(c, [newEvent()], { expected: 'no_stream' });
      const recordedAt = new Date('2014-05-17T10:00:00Z');
      const results = await store.appendMany!([
        { streamId: a, events: [newEvent(), newEvent()], options: { expected: 'no_stream', recordedAt } },
        { streamId: b, events: [newEvent()], options: { expected: 1 } },
        { streamId: c, events: [newEvent()], options: { expected: 'stream_exists' } },
      ]);
      expect(results.map((r) => r.version)).toEqual([2, 2, 2]);
      const read = await store.readStreams([a, b, c]);
      expect(read.get(a)!.map((e) => [e.version, e.recordedAt.toISOString()])).toEqual([
        [1, recordedAt.toISOString()],
        [2, recordedAt.toISOString()],
      ]);
      expect(results[0].position).toBe(read.get(a)![1].position);
      expect(results[2].position).toBe(read.get(c)![1].position);
      const positions = [read.get(a)![0], read.get(a)![1], read.get(b)![1], read.get(c)![1]].map((e) => globalPosition(e.position));
      expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
    });

    it('appends nothing when one stream is not at its expected version, naming that stream', async () => {
      const [a, b] = [fresh('a'), fresh('b')];
      await store.append(b, [newEvent(), newEvent()], { expected: 'no_stream' });
      const refused = store.appendMany!([
        { streamId: a, events: [newEvent()], options: { expected: 'no_stream' } },
        { streamId: b, events: [newEvent()], options: { expected: 1 } },
      ]);
      await expect(refused).rejects.toMatchObject({ streamId: b, actual: 2, code: 'stream_version_conflict' });
      expect(await store.readStream(a)).toEqual([]);
      await expect(store.appendMany!([{ streamId: a, events: [newEvent()], options: { expected: 'no_stream' } }, { streamId: b, events: [newEvent()], options: { expected: 'no_stream' } }])).rejects.toMatchObject({ streamId: b });
      expect(await store.readStream(a)).toEqual([]);
    });

    it('answers a retried batch as the first time and appends it once', async () => {
      const [a, b] = [fresh('a'), fresh('b')];
      const batch = [
        { streamId: a, events: [newEvent()], options: { expected: 'no_stream' as const } },
        { streamId: b, events: [newEvent(), newEvent()], options: { expected: 'no_stream' as const } },
      ];
      const first = await store.appendMany!(batch);
      expect(await store.appendMany!(batch)).toEqual(first);
      expect((await store.readStream(b)).length).toBe(2);
      await expect(store.appendMany!([{ streamId: b, events: [batch[1].events[0], newEvent()], options: { expected: 2 } }])).rejects.toMatchObject({
        name: 'EventIdReusedError',
      });
    });

    it('lets exactly one of concurrent batches over the same streams win', async () => {
      const streams = Array.from({ length: 20 }, (_, i) => fresh(`race${i}`));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.appendMany!(streams.map((streamId) => ({ streamId, events: [newEvent()], options: { expected: 'no_stream' as const } })))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const read = await store.readStreams(streams);
      expect(streams.every((s) => read.get(s)?.length === 1)).toBe(true);
    });
  });

  describe('a transaction that commits after a later one', () => {
    async function openWriter(streamId: string) {
      const client = await raw.connect();
      await client.query('BEGIN');
      const event = newEvent();
      await client.query(
        `SELECT * FROM append_to_stream($1, 'any', $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[])`,
        [streamId, [event.id], [event.type], [JSON.stringify(event.data)], [JSON.stringify(event.metadata)]],
      );
      return { client, event };
    }

    async function readEverythingAfter(after: string): Promise<RecordedEvent[]> {
      const { events } = await store.readAll({ after, limit: 1000 });
      return events;
    }

    it.each(['COMMIT', 'ROLLBACK'])('is waited for, never skipped (%s)', async (ending) => {
      const checkpoint = await store.headPosition();
      const a = await openWriter(`slow-${ending}`);
      const b = newEvent();
      await store.append(`fast-${ending}`, [b], { expected: 'any' });

      // B is committed with a later position, but A is still open: the reader must not pass A.
      const whileOpen = await store.readAll({ after: checkpoint, limit: 1000 });
      expect(whileOpen.events).toEqual([]);
      expect(whileOpen.lastPosition).toBe(checkpoint);

      await a.client.query(ending);
      a.client.release();
      const seen = await readEverythingAfter(whileOpen.lastPosition);
      const expected = ending === 'COMMIT' ? [a.event.id, b.id] : [b.id];
      expect(seen.map((e) => e.id)).toEqual(expected);
      const last = seen[seen.length - 1].position;
      expect(await readEverythingAfter(last)).toEqual([]);
    });
  });

  describe('a live follower (a projection)', () => {
    /** Follows from the head; on its own it would look again only after a minute. Resolves once it is listening. */
    async function follow(onRead?: () => void) {
      const seen: string[] = [];
      const controller = new AbortController();
      let listening!: () => void;
      const started = new Promise<void>((resolve) => (listening = resolve));
      const counted: EventStore = {
        ...store,
        // The first read comes after the store started announcing to this follower.
        readAll: (options) => (onRead?.(), listening(), store.readAll(options)),
      };
      const running = catchUp(counted, { from: await store.headPosition(), batchSize: 100, live: true, idleCheckMs: 60_000, signal: controller.signal }, async ({ events }) => {
        seen.push(...events.map((e) => e.id));
      });
      await started;
      return { seen, stop: () => (controller.abort(), running) };
    }

    it('reads an append made through another connection at once, without polling', async () => {
      let reads = 0;
      const follower = await follow(() => reads++);
      const elsewhere = await createPostgresEventStore({ connectionString: url });
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(reads).toBe(1); // asleep once caught up
        const event = newEvent();
        await elsewhere.append('incident-announced', [event], { expected: 'any' });
        await eventually('the follower reads the event', () => follower.seen.includes(event.id), { timeoutMs: 5000, intervalMs: 10 });
      } finally {
        await follower.stop();
        await elsewhere.close();
      }
    });

    it('reads an announced append as soon as an older open transaction ends', async () => {
      const follower = await follow();
      const older = await raw.connect();
      try {
        await older.query('BEGIN');
        await older.query('SELECT pg_current_xact_id()');
        const event = newEvent();
        await store.append('incident-held-back', [event], { expected: 'any' });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(follower.seen).not.toContain(event.id); // below the horizon of the open transaction
        await older.query('COMMIT'); // announces nothing
        await eventually('the follower reads the event', () => follower.seen.includes(event.id), { timeoutMs: 5000, intervalMs: 10 });
      } finally {
        older.release();
        await follower.stop();
      }
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the events table', async () => {
    await store.append('incident-immutable', [newEvent()], { expected: 'any' });
    await expect(raw.query(`UPDATE events SET type = 'Forged' WHERE stream_id = 'incident-immutable'`)).rejects.toThrow(/immutable/);
    await expect(raw.query(`DELETE FROM events WHERE stream_id = 'incident-immutable'`)).rejects.toThrow(/immutable/);
    await expect(raw.query('TRUNCATE events')).rejects.toThrow(/immutable/);
    expect(await store.readStream('incident-immutable')).toHaveLength(1);
  });

  it('runs its migrations once, even when several processes start together', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresEventStore({ connectionString: url })));
    await Promise.all(stores.map((s) => s.close()));
    const { rows } = await raw.query('SELECT version FROM event_store_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
  });
});
