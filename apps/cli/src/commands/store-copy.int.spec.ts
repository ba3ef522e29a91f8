import pg from 'pg';
import {
  createPostgresEventStore,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';
import { randomUUID } from 'node:crypto';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { resolveEndpoints, storeCopy, type StoreCopyOptions } from './store-copy.js';

const event = (type: string, data: NewEvent['data'] = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { userId: 'monitor-7', commandId: randomUUID() },
});

async function everything(store: EventStore): Promise<RecordedEvent[]> {
  const { events } = await store.readAll({ limit: 10_000 });
  return events;
}

/** What a faithful copy keeps: everything but the store's own positions. */
const faithful = (events: RecordedEvent[]) =>
  events.map(({ position: _position, ...rest }) => rest);

describe('store:copy postgres → postgres', () => {
  let sourceUrl: string;
  let targetUrl: string;
  let source: EventStore;
  let target: EventStore;
  let options: StoreCopyOptions;

  beforeAll(async () => {
    [sourceUrl, targetUrl] = await Promise.all([
      freshDatabaseUrl('copy_src'),
      freshDatabaseUrl('copy_dst'),
    ]);
    source = await createPostgresEventStore({ connectionString: sourceUrl });
    target = await createPostgresEventStore({ connectionString: targetUrl });
    // 17 events in 4 streams, interleaved, some appended several at a time, some imported
    // with an older recording time.
    const kidal = 'incident-kidal';
    const gao = 'incident-gao';
    await source.append(
      kidal,
      [event('IncidentReported', { place: 'Kidal' }), event('WitnessAdded')],
      { expected: 'no_stream' },
    );
    await source.append(gao, [event('IncidentReported', { place: 'Gao' })], {
      expected: 'no_stream',
    });
    await source.append(kidal, [event('CasualtiesAmended', { killed: 3 })], { expected: 2 });
    await source.append(
      'review-1',
      [event('ReviewOpened'), event('ReviewAssigned'), event('ReviewNoted')],
      {
        expected: 'no_stream',
        recordedAt: new Date('2015-06-20T10:00:00Z'),
      },
    );
    for (let i = 0; i < 6; i++)
      await source.append(gao, [event('WitnessAdded', { i })], { expected: 1 + i });
    await source.append(
      'incident-menaka',
      [event('IncidentReported'), event('IncidentVerified'), event('IncidentRetracted')],
      {
        expected: 0,
      },
    );
    await source.append(kidal, [event('IncidentVerified')], { expected: 3 });
    options = {
      from: { kind: 'postgres', url: sourceUrl },
      to: { kind: 'postgres', url: targetUrl },
      checkpointDatabaseUrl: targetUrl,
      batchSize: 5,
    };
  });

  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('stops after a batch when interrupted, then resumes where it stopped and verifies', async () => {
    const controller = new AbortController();
    const first = await storeCopy({
      ...options,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });
    expect(first).toMatchObject({ completed: false, copied: 5 });
    expect(first.verification).toBeUndefined();
    expect(await everything(target)).toHaveLength(5);

    const batches: number[] = [];
    const second = await storeCopy({ ...options, onBatch: ({ copied }) => batches.push(copied) });
    expect(second).toMatchObject({ completed: true, copied: 12, resumedFrom: first.position });
    expect(batches).toEqual([5, 10, 12]);
    expect(second.verification).toMatchObject({
      ok: true,
      sourceEvents: 17,
      targetEvents: 17,
      sourceStreams: 4,
      targetStreams: 4,
      mismatchCount: 0,
    });
    // Same ids, streams, versions, types, data, metadata and recording times, in the same order.
    expect(faithful(await everything(target))).toEqual(faithful(await everything(source)));
  });

  it('keeps its checkpoint per source → target in store_copy_checkpoints', async () => {
    const db = new pg.Client({ connectionString: targetUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        'SELECT source, target, copied_events FROM store_copy_checkpoints',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].source).toMatch(/copy_src_/);
      expect(rows[0].target).toMatch(/copy_dst_/);
      expect(Number(rows[0].copied_events)).toBe(17);
    } finally {
      await db.end();
    }
  });

  it('has nothing left to copy when run again', async () => {
    const again = await storeCopy(options);
    expect(again).toMatchObject({ completed: true, copied: 0, verification: { ok: true } });
  });

  it('copies everything again harmlessly, whatever the batch boundaries, when restarted', async () => {
    const before = await everything(target);
    const again = await storeCopy({ ...options, restart: true, batchSize: 3 });
    expect(again).toMatchObject({
      completed: true,
      copied: 17,
      verification: { ok: true, targetEvents: 17 },
    });
    expect(await everything(target)).toEqual(before);
  });

  it('completes an append that a batch boundary had cut, when a crash lost the checkpoint', async () => {
    // The first batch of 5 ends inside review-1's append of 3 events: 1 of them is copied.
    const url = await freshDatabaseUrl('copy_cut');
    const to = { kind: 'postgres' as const, url };
    const controller = new AbortController();
    await storeCopy({
      ...options,
      to,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });
    const copy = await createPostgresEventStore({ connectionString: url });
    try {
      expect(await copy.readStream('review-1')).toHaveLength(1);
      // Lost checkpoint, larger batches: review-1's 3 events now come in one append, 1 of them stored.
      const again = await storeCopy({ ...options, to, restart: true, batchSize: 50 });
      expect(again.verification).toMatchObject({ ok: true, targetEvents: 17 });
      expect(faithful(await everything(copy))).toEqual(
        faithful((await everything(source)).slice(0, 17)),
      );
    } finally {
      await copy.close();
    }
  });

  it('picks up new source events on the next run', async () => {
    await source.append('incident-gao', [event('CasualtiesAmended', { killed: 1 })], {
      expected: 7,
    });
    const next = await storeCopy(options);
    expect(next).toMatchObject({ copied: 1, verification: { ok: true, sourceEvents: 18 } });
    expect((await target.readStream('incident-gao')).map((e) => e.version)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it('reports streams that differ between the two stores', async () => {
    await target.append('incident-only-in-target', [event('IncidentReported')], {
      expected: 'no_stream',
    });
    const next = await storeCopy(options);
    expect(next.verification).toMatchObject({
      ok: false,
      sourceEvents: 18,
      targetEvents: 19,
      mismatches: [{ streamId: 'incident-only-in-target', sourceVersion: 0, targetVersion: 1 }],
    });
  });

  it('stops when the target holds something else in a stream', async () => {
    const otherTarget = await freshDatabaseUrl('copy_div');
    const diverged = await createPostgresEventStore({ connectionString: otherTarget });
    await diverged.append('incident-kidal', [event('SomethingElse')], { expected: 'no_stream' });
    await diverged.close();
    await expect(
      storeCopy({ ...options, to: { kind: 'postgres', url: otherTarget } }),
    ).rejects.toThrow(/stream incident-kidal differs at version 1/);
  });

  it('refuses to copy a store onto itself', async () => {
    await expect(storeCopy({ ...options, to: options.from })).rejects.toThrow(/same store/);
  });
});

describe('store:copy endpoints', () => {
  it('take each side from its variable, and the checkpoint from DATABASE_URL', () => {
    const env = {
      DATABASE_URL: 'postgres://db/tracker',
      EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false',
    };
    expect(resolveEndpoints({ from: 'postgres', to: 'eventstoredb' }, env)).toEqual({
      from: { kind: 'postgres', url: 'postgres://db/tracker' },
      to: { kind: 'eventstoredb', url: 'esdb://es:2113?tls=false' },
      checkpointDatabaseUrl: 'postgres://db/tracker',
    });
  });

  it('name the variable that is missing', () => {
    expect(() =>
      resolveEndpoints(
        { from: 'postgres', to: 'eventstoredb' },
        { DATABASE_URL: 'postgres://db/t' },
      ),
    ).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(() =>
      resolveEndpoints(
        { from: 'eventstoredb', to: 'eventstoredb', toUrl: 'esdb://b:2113' },
        { EVENTSTORE_CONNECTION_STRING: 'esdb://a:2113' },
      ),
    ).toThrow(/DATABASE_URL/);
  });
});
