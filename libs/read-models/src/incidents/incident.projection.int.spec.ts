import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { incidentStreamId } from '#domain';
import { createPostgresEventStore, type EventStore, type NewEvent } from '#event-store';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';
import { migrateReadModels, readModelDataSource } from '../read-model-data-source.js';
import type { Projection } from '../projections/projection.js';
import { readCheckpoint, runProjection } from '../projections/projection-runner.js';
import { incidentProjection } from './incident.projection.js';

const details = (place: string, killed: number) => ({
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.44, lon: 1.41, place, admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [{ actorId: 'mnla', role: 'perpetrator' }],
  harm: { killed, injured: 0, abducted: 0 },
  description: `clash at ${place}`,
  sources: [],
});
const event = (type: string, data: NewEvent['data']): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId: 'monitor-1' } });

async function openReadModels(): Promise<DataSource> {
  const db = readModelDataSource(await freshDatabaseUrl('rm'));
  await db.initialize();
  await migrateReadModels(db);
  return db;
}

/** Every row, in a canonical order, as the API would see it. */
const snapshot = (db: DataSource) =>
  db.query(`SELECT id, version, status, verification, type, sub_type, occurred_at, lat, lon, location::text, admin1, targets, actor_ids,
                   killed, record, reported_at, reported_by, last_changed_at, last_changed_by, position FROM incidents ORDER BY id`);

describe('incident projection', () => {
  let store: EventStore;
  const incidents = Array.from({ length: 40 }, () => randomUUID());

  beforeAll(async () => {
    store = await createPostgresEventStore({ connectionString: await freshDatabaseUrl('es') });
    for (const [i, id] of incidents.entries()) {
      await store.append(incidentStreamId(id), [event('IncidentReported', { incidentId: id, ...details(`place ${i}`, i) })], { expected: 'no_stream' });
    }
    // Amendments and verifications interleaved with other incidents' reports.
    for (const [i, id] of incidents.entries()) {
      await store.append(incidentStreamId(id), [event('IncidentAmended', { incidentId: id, changes: { harm: { killed: i + 100, injured: 1, abducted: 0 } }, reason: 'count' })], { expected: 1 });
      if (i % 3 === 0) {
        await store.append(incidentStreamId(id), [event('IncidentVerificationChanged', { incidentId: id, from: 'reported', to: 'verified', note: 'seen' })], { expected: 2 });
      }
    }
    await store.append(incidentStreamId(incidents[5]), [event('IncidentRetracted', { incidentId: incidents[5], reason: 'false_report', note: 'hoax' })], { expected: 'any' });
  });
  afterAll(() => store.close());

  it('after a crash in the middle of a batch, resumes to a table equal to a full rebuild', async () => {
    const live = await openReadModels();
    let batches = 0;
    // The process stopping: an error alone is now tried again (and the event parked), not a crash.
    const crash = new AbortController();
    const crashing: Projection = {
      ...incidentProjection,
      async apply(manager, events) {
        batches++;
        if (batches === 3) {
          // Some rows of this batch are written inside the transaction, then the process "dies".
          await incidentProjection.apply(manager, events.slice(0, 7));
          crash.abort();
          throw new Error('killed in the middle of a batch');
        }
        await incidentProjection.apply(manager, events);
      },
    };
    await expect(runProjection(store, live, crashing, { batchSize: 25, signal: crash.signal })).rejects.toThrow('killed in the middle of a batch');
    const checkpointAfterCrash = await readCheckpoint(live, 'incidents');
    expect(Number((await live.query('SELECT count(*) AS n FROM incidents'))[0].n)).toBe(40);
    expect(Number((await live.query(`SELECT count(*) AS n FROM incidents WHERE version > 1`))[0].n)).toBeLessThan(40);

    await runProjection(store, live, incidentProjection, { batchSize: 25 });
    expect(await readCheckpoint(live, 'incidents') > checkpointAfterCrash).toBe(true);

    const rebuilt = await openReadModels();
    await runProjection(store, rebuilt, incidentProjection, { batchSize: 1000 });
    const [a, b] = [await snapshot(live), await snapshot(rebuilt)];
    expect(a).toHaveLength(40);
    expect(a).toEqual(b);
    const retracted = a.find((row: { id: string }) => row.id === incidents[5]);
    expect(retracted).toMatchObject({ status: 'retracted', version: 3, killed: 105 });
    await Promise.all([live.destroy(), rebuilt.destroy()]);
  });

  it('keeps one active runner per projection; a standby takes over when it stops', async () => {
    const db = await openReadModels();
    const active = new AbortController();
    const standby = new AbortController();
    const batches = { active: 0, standby: 0 };
    const runA = runProjection(store, db, incidentProjection, { live: true, signal: active.signal, onBatch: () => batches.active++ });
    await sleep(300);
    const runB = runProjection(store, db, incidentProjection, { live: true, signal: standby.signal, onBatch: () => batches.standby++ });
    const id = randomUUID();
    await store.append(incidentStreamId(id), [event('IncidentReported', { incidentId: id, ...details('Aguelhok', 1) })], { expected: 'no_stream' });
    await sleep(500);
    expect(batches.active).toBeGreaterThan(0);
    expect(batches.standby).toBe(0);

    active.abort();
    await runA;
    const next = randomUUID();
    await store.append(incidentStreamId(next), [event('IncidentReported', { incidentId: next, ...details('Tessalit', 2) })], { expected: 'no_stream' });
    await eventually('the standby takes over', () => batches.standby > 0, { timeoutMs: 4000, intervalMs: 100 });
    expect((await db.query('SELECT id FROM incidents WHERE id = $1', [next]))).toHaveLength(1);
    standby.abort();
    await runB;
    await db.destroy();
  });
});
