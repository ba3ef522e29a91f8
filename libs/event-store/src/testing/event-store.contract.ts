import { randomUUID } from 'node:crypto';
import { catchUp } from '../catch-up.js';
import { EventIdReusedError, StreamVersionConflictError } from '../errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.js';
import { START } from '../event-store.js';

export interface ContractSubject {
  store: EventStore;
  /** Streams made by this run are prefixed with it, so runs against a shared server do not meet. */
  prefix: string;
}

export function newEvent(type = 'IncidentReported', data: NewEvent['data'] = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { userId: 'monitor-1', commandId: randomUUID() } };
}

/**
 * The behaviour every adapter must have. Each adapter's spec calls this with a factory, so the
 * PostgreSQL and EventStoreDB runs are the same code. With `skipped` (why), jest reports every
 * test of the run as skipped and `open` is never called.
 */
export function describeEventStoreContract(
  adapter: string,
  open: () => Promise<ContractSubject>,
  { skipped }: { skipped?: string } = {},
): void {
  const describeRun = skipped ? describe.skip : describe;
  const title = `${adapter} event store contract${skipped ? ` (skipped: ${skipped})` : ''}`;
  describeRun(title, () => {
    let store: EventStore;
    let prefix: string;
    const stream = (name: string) => `${prefix}${name}-${randomUUID()}`;

    beforeAll(async () => {
      ({ store, prefix } = await open());
    });
    afterAll(() => store?.close());

    async function expectConflict(promise: Promise<unknown>, actual: number) {
      await expect(promise).rejects.toBeInstanceOf(StreamVersionConflictError);
      await promise.catch((error: StreamVersionConflictError) => expect(error.actual).toBe(actual));
    }

    it('stores events with their metadata and stamps the recorded time', async () => {
      const id = stream('incident');
      const before = Date.now();
      const event = newEvent('IncidentReported', { place: 'Kidal', killed: 36 });
      const result = await store.append(id, [event], { expected: 'no_stream' });
      expect(result.version).toBe(1);
      const [read] = await store.readStream(id);
      expect(read).toMatchObject({ id: event.id, type: event.type, data: event.data, metadata: event.metadata, streamId: id, version: 1, position: result.position });
      expect(read.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5000);
      expect(read.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
    });

    it('keeps the original recording time of an imported record', async () => {
      const id = stream('imported');
      const recordedAt = new Date('2014-05-19T08:30:00Z');
      await store.append(id, [newEvent()], { expected: 'no_stream', recordedAt });
      const [read] = await store.readStream(id);
      expect(read.recordedAt.toISOString()).toBe(recordedAt.toISOString());
    });

    it('answers an empty list for a stream that does not exist', async () => {
      expect(await store.readStream(stream('none'))).toEqual([]);
    });

    it('reads many streams at once, each in version order, leaving out those with no event', async () => {
      const [a, b, none] = [stream('many'), stream('many'), stream('none')];
      await store.append(a, [newEvent(), newEvent()], { expected: 'no_stream' });
      await store.append(b, [newEvent()], { expected: 'no_stream' });
      await store.append(a, [newEvent()], { expected: 2 });
      const read = await store.readStreams([a, b, none]);
      expect([...read.keys()].sort()).toEqual([a, b].sort());
      expect(read.get(a)!.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(read.get(a)).toEqual(await store.readStream(a));
      expect(read.get(b)).toEqual(await store.readStream(b));
    });

    describe('expected version', () => {
      it('any: appends to a new and to an existing stream', async () => {
        const id = stream('any');
        expect((await store.append(id, [newEvent()], { expected: 'any' })).version).toBe(1);
        expect((await store.append(id, [newEvent(), newEvent()], { expected: 'any' })).version).toBe(3);
      });

      it('no_stream: appends to a new stream, refuses an existing one', async () => {
        const id = stream('new');
        await store.append(id, [newEvent()], { expected: 'no_stream' });
        await expectConflict(store.append(id, [newEvent()], { expected: 'no_stream' }), 1);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('stream_exists: refuses a new stream, appends to an existing one', async () => {
        const id = stream('exists');
        await expectConflict(store.append(id, [newEvent()], { expected: 'stream_exists' }), 0);
        expect(await store.readStream(id)).toEqual([]);
        await store.append(id, [newEvent()], { expected: 'any' });
        expect((await store.append(id, [newEvent()], { expected: 'stream_exists' })).version).toBe(2);
      });

      it('exact: appends at the expected version, refuses a stale or a future one', async () => {
        const id = stream('exact');
        expect((await store.append(id, [newEvent()], { expected: 0 })).version).toBe(1);
        expect((await store.append(id, [newEvent()], { expected: 1 })).version).toBe(2);
        await expectConflict(store.append(id, [newEvent()], { expected: 1 }), 2);
        await expectConflict(store.append(id, [newEvent()], { expected: 5 }), 2);
        await expectConflict(store.append(stream('absent'), [newEvent()], { expected: 3 }), 0);
        expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2]);
      });
    });

    it('lets exactly one of 20 concurrent writers at the same version win, leaving no gap', async () => {
      const id = stream('race');
      await store.append(id, [newEvent()], { expected: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.append(id, [newEvent(), newEvent()], { expected: 1 })),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const o of lost) expect(o.reason).toBeInstanceOf(StreamVersionConflictError);
      expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it('stores a retried append once and answers it as the first time', async () => {
      const id = stream('retry');
      const events = [newEvent(), newEvent()];
      const first = await store.append(id, events, { expected: 'no_stream' });
      const again = await store.append(id, events, { expected: 'no_stream' });
      const concurrent = await Promise.all(Array.from({ length: 5 }, () => store.append(id, events, { expected: 'any' })));
      expect(again).toEqual(first);
      for (const answer of concurrent) expect(answer).toEqual(first);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('refuses an append that reuses some, not all, stored event ids', async () => {
      const id = stream('reuse');
      const stored = newEvent();
      await store.append(id, [stored], { expected: 'no_stream' });
      await expect(store.append(id, [stored, newEvent()], { expected: 'any' })).rejects.toBeInstanceOf(EventIdReusedError);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    describe('reading all streams', () => {
      let appended: string[];
      let from: string;
      let filtered: string;

      beforeAll(async () => {
        from = await store.headPosition();
        filtered = `${prefix}filtered-${randomUUID()}-`;
        appended = [];
        for (let i = 0; i < 7; i++) {
          const event = newEvent('Numbered', { i });
          appended.push(event.id);
          await store.append(`${filtered}${i % 3}`, [event], { expected: 'any' });
        }
        await store.append(`${prefix}other-${randomUUID()}`, [newEvent('Other')], { expected: 'any' });
      });

      const mine = (events: RecordedEvent[]) => events.filter((e) => appended.includes(e.id));

      it('reads in the order of appends, with positions that increase', async () => {
        const { events } = await store.readAll({ after: from, limit: 100 });
        expect(mine(events).map((e) => e.id)).toEqual(appended);
        const positions = events.map((e) => e.position);
        expect([...positions].sort()).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(positions[0] > from).toBe(true);
      });

      it('pages with after and limit, and filters by stream prefix', async () => {
        const page1 = await store.readAll({ after: from, limit: 3, streamPrefixes: [filtered] });
        expect(page1.events.map((e) => e.id)).toEqual(appended.slice(0, 3));
        expect(page1.lastPosition).toBe(page1.events[2].position);
        const page2 = await store.readAll({ after: page1.lastPosition, limit: 100, streamPrefixes: [filtered] });
        expect(page2.events.map((e) => e.id)).toEqual(appended.slice(3));
        // The last read looked past the other stream's event although it was filtered out.
        expect(page2.lastPosition >= (await store.headPosition())).toBe(true);
        const page3 = await store.readAll({ after: page2.lastPosition, limit: 100, streamPrefixes: [filtered] });
        expect(page3.events).toEqual([]);
      });

      it('catches up in bounded batches, each event exactly once', async () => {
        const seen: string[] = [];
        const sizes: number[] = [];
        const end = await catchUp(store, { from, batchSize: 2, streamPrefixes: [filtered] }, async (batch) => {
          sizes.push(batch.events.length);
          seen.push(...batch.events.map((e) => e.id));
        });
        expect(seen).toEqual(appended);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
        expect(end >= (await store.headPosition())).toBe(true);
      });

      it('starts from the beginning of the store at START', async () => {
        const { events } = await store.readAll({ after: START, limit: 1 });
        expect(events).toHaveLength(1);
      });
    });
  });
}
