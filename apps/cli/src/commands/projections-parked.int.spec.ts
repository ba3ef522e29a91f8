import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '#event-store';
import { listParkedEvents, migrateReadModels, readCheckpoint, readModelDataSource, runProjection, verifyProjection, type ProjectionFailure, type ProjectionWithTables } from '#read-models';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { describeStatuses, listProjections } from './projections-list.js';
import { describeParked, parkedEvents, retryParked } from './projections-parked.js';
import type { ProjectionsContext } from './projections-context.js';

/**
 * A projection whose table refuses values of 100 or more (a CHECK constraint): an event carrying
 * one is an event this read model cannot hold, as 2^31 dead was for an `int` column. Dropping the
 * constraint is "the fix".
 */
const probes: ProjectionWithTables = {
  name: 'probes',
  streamPrefixes: ['probe-'],
  tables: ['probe_rows'],
  async apply(manager, events) {
    for (const e of events) {
      const { id, value } = e.data as { id: string; value: number };
      await manager.query('INSERT INTO probe_rows (id, value) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET value = excluded.value', [id, value]);
    }
  },
};

describe('a projection that meets an event it cannot apply', () => {
  let store: EventStore;
  let db: DataSource;
  let context: ProjectionsContext;
  const set = (id: string, value: number) => store.append(`probe-${id}`, [{ id: randomUUID(), type: 'ProbeSet', data: { id, value }, metadata: { userId: 'test' } }], { expected: 'any' });
  const rows = async () => Object.fromEntries((await db.query('SELECT id, value FROM probe_rows ORDER BY id')).map((r: { id: string; value: number }) => [r.id, r.value]));

  beforeAll(async () => {
    const url = await freshDatabaseUrl('parked');
    db = readModelDataSource(url);
    await db.initialize();
    await migrateReadModels(db);
    await db.query('CREATE TABLE probe_rows (id text PRIMARY KEY, value int NOT NULL CONSTRAINT probe_value_below_100 CHECK (value < 100))');
    store = await createPostgresEventStore({ connectionString: url });
    context = { store, readModels: db, storeKind: 'postgres', projections: [probes] };
  });
  afterAll(async () => {
    await store.close();
    await db.destroy();
  });

  it('tries it N times, parks it with the checkpoint, applies the events around it, and a rebuild equals the live table', async () => {
    await set('a', 1);
    const poison = await set('b', 150);
    await set('c', 2);
    const failures: ProjectionFailure[] = [];
    const position = await runProjection(store, db, probes, { attempts: 3, backoffMs: 1, onFailure: (f) => failures.push(f) });

    expect(position).toBe(await store.headPosition());
    expect(await readCheckpoint(db, 'probes')).toBe(position);
    expect(await rows()).toEqual({ a: 1, c: 2 });
    // The whole batch once, then the event alone until its third failure parks it.
    expect(failures.map((f) => [f.event?.position, f.parked])).toEqual([
      [undefined, false],
      [poison.position, false],
      [poison.position, false],
      [poison.position, true],
    ]);
    const parked = await parkedEvents(context);
    expect(parked).toEqual([expect.objectContaining({ projection: 'probes', position: poison.position, streamId: 'probe-b', eventType: 'ProbeSet', attempts: 3 })]);
    expect(parked[0].error).toMatch(/probe_value_below_100/);
    expect(describeParked(parked).join('\n')).toMatch(/probes\s+\d+-\d+\s+ProbeSet\s+probe-b/);
    // projections:list counts them beside the lag.
    const [status] = await listProjections(context);
    expect(status).toMatchObject({ name: 'probes', lag: 0, parked: 1 });
    expect(describeStatuses([status])[1]).toMatch(/^probes\s+\d+-\d+\s+0\s+1\s+\d{4}-/);

    // Later events still apply.
    await set('d', 3);
    await runProjection(store, db, probes, { attempts: 3, backoffMs: 1 });
    expect(await rows()).toEqual({ a: 1, c: 2, d: 3 });
    expect((await verifyProjection(store, db, probes)).ok).toBe(true);
  });

  it('projections:retry after the fix applies the parked event in store order and removes it from the list; one still failing stays', async () => {
    await set('b', 7); // a later correction of b: the retried 150 must not land on top of it
    await set('e', 500);
    await runProjection(store, db, probes, { attempts: 1, backoffMs: 1 });
    expect((await listParkedEvents(db)).map((p) => p.streamId)).toEqual(['probe-b', 'probe-e']);

    await db.query('ALTER TABLE probe_rows DROP CONSTRAINT probe_value_below_100, ADD CONSTRAINT probe_value_below_200 CHECK (value < 200)');
    const [result] = await retryParked(context, { names: [] });

    expect(result).toEqual({ projection: 'probes', before: 2, after: 1 });
    expect(await rows()).toEqual({ a: 1, b: 7, c: 2, d: 3 });
    expect((await listParkedEvents(db)).map((p) => [p.streamId, p.attempts])).toEqual([['probe-e', 2]]);
    expect((await listProjections(context))[0].parked).toBe(1);
    expect((await verifyProjection(store, db, probes)).ok).toBe(true);
  });

  it('retries a transient error without end and never parks for it', async () => {
    let refusals = 0;
    const flaky: ProjectionWithTables = {
      ...probes,
      name: 'flaky-probes',
      streamPrefixes: ['flaky-'],
      async apply(manager, events) {
        if (refusals++ < 4) throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
        await probes.apply(manager, events);
      },
    };
    await store.append('flaky-f', [{ id: randomUUID(), type: 'ProbeSet', data: { id: 'f', value: 4 }, metadata: { userId: 'test' } }], { expected: 'no_stream' });
    const failures: ProjectionFailure[] = [];
    await runProjection(store, db, flaky, { attempts: 2, backoffMs: 1, onFailure: (f) => failures.push(f) });
    expect(failures).toHaveLength(4);
    expect(failures.every((f) => f.transient && !f.parked)).toBe(true);
    expect(await listParkedEvents(db, ['flaky-probes'])).toEqual([]);
    expect((await rows()).f).toBe(4);
  });
});
