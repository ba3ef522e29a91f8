import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPostgresEventStore, type EventStore, type NewEvent } from '#event-store';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';
import { incidentProjection } from '../incidents/incident.projection.js';
import type { Projection } from '../projections/projection.js';
import { readCheckpoint, runProjection } from '../projections/projection-runner.js';
import { migrateReadModels, readModelDataSource } from '../read-model-data-source.js';
import { timelineProjection } from '../timeline/timeline.projection.js';
import { projectionStatus } from './projection-status.js';
import { tablesOf } from './projection-tables.js';
import { rebuildProjection } from './rebuild-projection.js';
import { verifyProjection } from './verify-projection.js';

const PROJECTIONS = [incidentProjection, timelineProjection];
const TABLES = PROJECTIONS.flatMap((p) => [...tablesOf(p)]);
const event = (type: string, data: NewEvent['data'], userId = 'monitor'): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId } });
const day = (n: number) => new Date(Date.UTC(2014, 0, 1) + n * 86_400_000);

function details(n: number) {
  return {
    occurredAt: day(n % 400).toISOString().slice(0, 10),
    timePrecision: 'day',
    location: { lat: 15 + (n % 50) / 10, lon: -3 + (n % 40) / 10, place: `place ${n % 37}`, admin1: n % 2 ? 'Kidal' : 'Gao', precision: 'exact' },
    type: 'battles',
    subType: 'armed_clash',
    targets: ['state_forces'],
    actors: [
      { actorId: n % 3 ? 'mnla' : 'unidentified-armed-group', role: 'perpetrator' },
      { actorId: 'fama', role: 'target' },
    ],
    harm: { killed: n % 9, injured: n % 5, abducted: 0 },
    description: `incident ${n}`,
    sources: [{ id: `src-${n}`, kind: 'monitor', reference: `report ${n}`, reliability: 'reliable', confidential: false }],
  };
}

/** About four events per incident, in rounds so that streams interleave, plus some reviews. */
async function appendIncidents(store: EventStore, count: number, offset = 0): Promise<number> {
  const ids = Array.from({ length: count }, () => randomUUID());
  let events = 0;
  for (const [i, id] of ids.entries()) {
    const n = offset + i;
    await store.append(`incident-${id}`, [event('IncidentReported', { incidentId: id, ...details(n) })], { expected: 'no_stream', recordedAt: day(n % 400 + 1) });
    events++;
  }
  for (const [i, id] of ids.entries()) {
    const n = offset + i;
    const later = [
      event('IncidentAmended', { incidentId: id, changes: { harm: { killed: (n % 9) + 2, injured: 1, abducted: 0 } }, reason: 'count revised' }),
      event('IncidentVerificationChanged', { incidentId: id, from: 'reported', to: 'corroborated', note: 'seen' }, 'reviewer'),
      ...(n % 7 === 0 ? [event('IncidentRetracted', { incidentId: id, reason: 'false_report', note: 'hoax' }, 'reviewer')] : []),
      ...(n % 11 === 0 ? [event('IncidentSourceErased', { incidentId: id, sourceId: `src-${n}` }, 'admin')] : []),
      event('WitnessHeard', { incidentId: id }),
    ];
    await store.append(`incident-${id}`, later, { expected: 1, recordedAt: day(n % 400 + 3) });
    events += later.length;
    if (n % 10 === 0) {
      const reviewId = randomUUID();
      await store.append(
        `review-${reviewId}`,
        [
          event('ViolationAlleged', { reviewId, incidentId: id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['mnla'], note: '', incidentDate: '2014-05-17' }),
          event('FindingRecorded', { reviewId, outcome: 'violation', responsibleParties: ['mnla'], provisions: ['art. 1'], verificationMission: null, note: 'confirmed' }),
        ],
        { expected: 'no_stream', recordedAt: day(n % 400 + 9) },
      );
      events += 2;
    }
  }
  return events;
}

/** Every row of every table, as text, in a stable order. */
async function snapshot(db: DataSource, tables: readonly string[] = TABLES): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) out[table] = (await db.query(`SELECT x::text AS row FROM public.${table} x ORDER BY 1`)).map((r: { row: string }) => r.row);
  return out;
}

const indexes = (db: DataSource) =>
  db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1) ORDER BY 1, 2`, [TABLES]);
const oids = async (db: DataSource) => (await db.query(`SELECT relname, oid FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' ORDER BY 1`, [TABLES])) as { oid: number }[];
const shadowSchemas = async (db: DataSource) =>
  (await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' OR nspname LIKE 'verify\\_%'`)).map((r: { nspname: string }) => r.nspname);

async function catchUpAll(store: EventStore, db: DataSource) {
  for (const projection of PROJECTIONS) await runProjection(store, db, projection, { batchSize: 500 });
}

/** Like the API's projections service: a live runner that starts again from its checkpoint after an error. */
function keepRunning(store: EventStore, db: DataSource, projection: Projection, signal: AbortSignal): { done: Promise<void>; errors: string[] } {
  const errors: string[] = [];
  const done = (async () => {
    while (!signal.aborted) {
      try {
        await runProjection(store, db, projection, { live: true, signal, pollIntervalMs: 10, batchSize: 100 });
      } catch (error) {
        errors.push((error as Error).message);
        await sleep(20);
      }
    }
  })();
  return { done, errors };
}

describe('rebuilding a projection into fresh tables', () => {
  let store: EventStore;
  let db: DataSource;
  let total: number;

  beforeAll(async () => {
    const url = await freshDatabaseUrl('rebuild');
    store = await createPostgresEventStore({ connectionString: url });
    db = readModelDataSource(url);
    await db.initialize();
    await migrateReadModels(db);
    total = await appendIncidents(store, 800);
    await catchUpAll(store, db);
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
    await store.close();
  });

  it(`produces tables equal to the live ones (${'≈'}3,500 events), swapped in with their index names`, async () => {
    expect(total).toBeGreaterThan(3000);
    const [before, indexesBefore, oidsBefore, checkpoints] = [await snapshot(db), await indexes(db), await oids(db), await Promise.all(PROJECTIONS.map((p) => readCheckpoint(db, p.name)))];
    expect(before.incident_versions.length).toBeGreaterThan(2400);
    expect(before.timeline_entries.length).toBeGreaterThan(2400);

    const results = await Promise.all(PROJECTIONS.map((p) => rebuildProjection(store, db, p, { batchSize: 250 })));
    expect(results.map((r) => [r.projection, r.completed, r.resumed])).toEqual([
      ['incidents', true, false],
      ['timeline', true, false],
    ]);
    expect(results[1].events).toBe(total);
    expect(await snapshot(db)).toEqual(before);
    expect(await indexes(db)).toEqual(indexesBefore);
    expect((await oids(db)).map((r) => r.oid)).not.toEqual(oidsBefore.map((r) => r.oid));
    expect(await Promise.all(PROJECTIONS.map((p) => readCheckpoint(db, p.name)))).toEqual(checkpoints);
    expect(await shadowSchemas(db)).toEqual([]);
  }, 120_000);

  it('resumes after being killed midway, and after being stopped, to the same tables', async () => {
    const before = await snapshot(db, timelineProjection.tables);
    let batches = 0;
    // The process stopping: an error alone is now tried again (and the event parked), not a crash.
    const crash = new AbortController();
    const dying = {
      ...timelineProjection,
      async apply(manager: Parameters<Projection['apply']>[0], events: Parameters<Projection['apply']>[1]) {
        if (++batches === 4) {
          // Half the batch is written inside the transaction, then the process "dies".
          await timelineProjection.apply(manager, events.slice(0, 50));
          crash.abort();
          throw new Error('killed in the middle of a batch');
        }
        await timelineProjection.apply(manager, events);
      },
    };
    await expect(rebuildProjection(store, db, dying, { batchSize: 200, signal: crash.signal })).rejects.toThrow('killed in the middle of a batch');
    const [status] = await projectionStatus(store, db, [timelineProjection]);
    expect(status.rebuild).toMatchObject({ events: 600 });
    expect(await shadowSchemas(db)).toEqual(['rebuild_timeline']);
    expect(await snapshot(db, timelineProjection.tables)).toEqual(before);

    // Stopped by its signal after two more batches: it keeps what it did.
    const stop = new AbortController();
    let seen = 0;
    const stopped = await rebuildProjection(store, db, timelineProjection, {
      batchSize: 200,
      signal: stop.signal,
      onProgress: (p) => p.phase === 'catching_up' && ++seen === 3 && stop.abort(),
    });
    expect(stopped).toMatchObject({ completed: false, resumed: true, events: 1000 });

    const finished = await rebuildProjection(store, db, timelineProjection, { batchSize: 200 });
    expect(finished).toMatchObject({ completed: true, resumed: true, events: total });
    expect(await snapshot(db, timelineProjection.tables)).toEqual(before);
    expect(await shadowSchemas(db)).toEqual([]);
  }, 120_000);

  it('while the live runner goes on and the store grows, switches over once caught up', async () => {
    const stop = new AbortController();
    const live = PROJECTIONS.map((p) => keepRunning(store, db, p, stop.signal));
    try {
      let appended = 0;
      let readsDuringRebuild = 0;
      const meanwhile: Promise<void>[] = [];
      const result = await rebuildProjection(store, db, timelineProjection, {
        batchSize: 300,
        onProgress: (p) => {
          if (p.phase !== 'catching_up' || p.events === 0 || p.events % 900 !== 0) return;
          meanwhile.push(
            (async () => {
              appended += await appendIncidents(store, 20, 10_000 + p.events);
              // The live tables keep answering meanwhile.
              readsDuringRebuild += Number((await db.query('SELECT count(*) AS n FROM timeline_entries'))[0].n) > 0 ? 1 : 0;
            })(),
          );
        },
      });
      await Promise.all(meanwhile);
      expect(result.completed).toBe(true);
      expect(appended).toBeGreaterThan(0);
      expect(readsDuringRebuild).toBeGreaterThan(0);
      await appendIncidents(store, 10, 20_000);
      const head = await store.headPosition();
      await eventually('the live timeline projection catches up', async () => (await readCheckpoint(db, 'timeline')) >= head);
    } finally {
      stop.abort();
      await Promise.all(live.map((l) => l.done));
    }
    // The live runner noticed the switch (its compare-and-set failed) and went on from the new checkpoint.
    expect(live[1].errors.filter((e) => !/checkpoint of timeline moved|does not exist|could not open relation/.test(e))).toEqual([]);

    for (const projection of PROJECTIONS) {
      const verification = await verifyProjection(store, db, projection, { batchSize: 400 });
      expect(verification).toMatchObject({ projection: projection.name, ok: true });
      for (const table of verification.tables) expect(table.liveRows).toBe(table.rebuiltRows);
    }
  }, 120_000);

  it('verify names the rows that differ from a fresh rebuild', async () => {
    await catchUpAll(store, db);
    const [victim] = await db.query(`SELECT id, version FROM incident_versions WHERE version = 1 ORDER BY id LIMIT 1`);
    const [gone] = await db.query(`SELECT id FROM timeline_entries ORDER BY id LIMIT 1`);
    await db.query(`UPDATE incident_versions SET killed = killed + 1000 WHERE id = $1 AND version = 1`, [victim.id]);
    await db.query(`DELETE FROM timeline_entries WHERE id = $1`, [gone.id]);
    await db.query(`INSERT INTO timeline_reviews (review_id, incident_id) VALUES ('forged', $1)`, [victim.id]);

    const verification = await verifyProjection(store, db, timelineProjection);
    expect(verification.ok).toBe(false);
    expect(verification.tables).toEqual([
      expect.objectContaining({ table: 'incident_versions', differing: 1, examples: [{ key: `${victim.id}/1`, difference: 'differs' }] }),
      expect.objectContaining({ table: 'timeline_entries', differing: 1, examples: [{ key: gone.id, difference: 'only in the rebuild' }] }),
      expect.objectContaining({ table: 'timeline_reviews', differing: 1, examples: [{ key: 'forged', difference: 'only in the live table' }] }),
    ]);
    expect(await shadowSchemas(db)).toEqual([]);

    await rebuildProjection(store, db, timelineProjection);
    expect((await verifyProjection(store, db, timelineProjection)).ok).toBe(true);
  }, 120_000);

  it('refuses a projection whose tables it does not know, and a second rebuild of the same one', async () => {
    expect(() => tablesOf({ name: 'mystery', streamPrefixes: [], apply: async () => undefined })).toThrow(/does not say which tables/);
    const first = rebuildProjection(store, db, timelineProjection, { batchSize: 100 });
    await sleep(50);
    await expect(rebuildProjection(store, db, timelineProjection)).rejects.toThrow('another rebuild of timeline is running');
    await first;
  }, 60_000);
});
