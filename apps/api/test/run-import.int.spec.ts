import { fileURLToPath } from 'node:url';
import { actorStreamId, incidentStreamId, type ActorProfile, type ImportSummary } from '#domain';
import { createPostgresEventStore, type EventStore, type RecordedEvent } from '#event-store';
import { IncidentRow, actorProjection, incidentProjection, migrateReadModels, readModelDataSource, runProjection, timelineProjection } from '#read-models';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../test/databases.js';
import { applyIncidentFilters } from '../src/incidents/queries/incident-filters.js';
import { importedIncidentId, runImport } from '#tracker';

const fixture = (name: string) => fileURLToPath(new URL(`../../../libs/tracker/src/imports/fixtures/${name}`, import.meta.url));
const profile = (name: string, shortName: string, aliases: string[], kind: ActorProfile['kind'], inter: ActorProfile['inter']): ActorProfile =>
  ({ name, shortName, aliases, kind, inter, note: '', citation: '' });

describe('Importing ACLED and UCDP', () => {
  let store: EventStore;
  let db: DataSource;
  const project = async () => {
    for (const projection of [actorProjection, incidentProjection, timelineProjection]) await runProjection(store, db, projection, { batchSize: 500 });
  };
  const allEvents = async (): Promise<RecordedEvent[]> => (await store.readAll({ limit: 100_000 })).events;
  const acled = (file: string, extra = {}) => runImport(store, db, { dataset: 'acled', file: fixture(file), userId: 'analyst-1', ...extra });
  const incident = async (id: string) => (await db.query('SELECT * FROM incidents WHERE id = $1', [importedIncidentId('acled', id)]))[0];
  let first: ImportSummary;

  beforeAll(async () => {
    store = await createPostgresEventStore({ connectionString: await freshDatabaseUrl('es') });
    db = readModelDataSource(await freshDatabaseUrl('rm'));
    await db.initialize();
    await migrateReadModels(db);
    const register = (id: string, p: ActorProfile) =>
      store.append(actorStreamId(id), [{ id: crypto.randomUUID(), type: 'ActorRegistered', data: { actorId: id, ...p } as never, metadata: { userId: 'admin' } }], { expected: 'no_stream' });
    await register('fama', profile('Military Forces of Mali (2013-)', 'FAMa', ['Government of Mali'], 'state_forces', 1));
    // Matched through an alias written with accents and other punctuation than the dataset's.
    await register('mnla', profile('Mouvement national de libération de l’Azawad', 'MNLA', ['MNLA - National Movement for the Liberation of Azawad'], 'rebel_group', 2));
    await project();
    first = await acled('acled-mali-2014.csv');
    await project();
  });
  afterAll(async () => {
    await store.close();
    await db.destroy();
  });

  it('reports each good row, and names every bad one with its line and reason, writing nothing for it', async () => {
    expect(first).toMatchObject({ read: 34, new: 25, amended: 0, unchanged: 0, retracted: 0, rejected: 9 });
    const lines = Object.fromEntries(first.rejections.map((r) => [r.line, r.reason]));
    expect(Object.keys(lines).map(Number).sort((a, b) => a - b)).toEqual([27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(lines[27]).toMatch(/event_date/);
    expect(lines[28]).toMatch(/latitude/);
    expect(lines[29]).toMatch(/fatalities/);
    expect(lines[30]).toMatch(/location\.lat/);
    expect(lines[31]).toMatch(/event_type/);
    expect(lines[32]).toMatch(/geo_precision/);
    expect(lines[33]).toMatch(/not CSV/);
    expect(lines[34]).toMatch(/acled:MLI858 is already on line 2/);
    expect(lines[35]).toMatch(/location\.admin1/);
    expect(await db.query('SELECT count(*)::int AS n FROM incidents')).toEqual([{ n: 25 }]);
  });

  it('keeps what an analyst needs: the dataset id, admin2/admin3, no figure apart from 0, sides and associated actors, quoted text', async () => {
    const kidal = await incident('MLI858');
    expect(kidal).toMatchObject({ external_ids: ['acled:MLI858'], admin1: 'Kidal', admin2: 'Kidal', admin3: 'Kidal', killed: 8, main_actor_ids: ['fama', 'mnla'] });
    expect(kidal.actor_ids).toHaveLength(4);
    expect(kidal.record.details.actors).toEqual([
      { actorId: 'fama', role: 'side_a' },
      { actorId: 'mnla', role: 'side_b' },
      { actorId: 'hcua-high-council-for-the-unity-of-azawad', role: 'associated', with: 'side_b' },
      { actorId: 'maa-arab-movement-of-azawad', role: 'associated', with: 'side_b' },
    ]);
    expect(kidal.record.details.description).toBe('On 17 May 2014, clashes during the Prime Minister\'s visit, "heavy fighting", in Kidal, Mali.');
    expect((await incident('MLI859')).killed).toBeNull();
    expect((await incident('MLI862')).killed).toBe(0);
    expect((await incident('MLI860')).record.details).toMatchObject({ description: '', timePrecision: 'week', location: { precision: 'near', admin3: 'Aguelhok' } });
    expect((await incident('MLI866')).targets).toEqual(['civilians']);
    expect(new Set((await db.query('SELECT DISTINCT type FROM incidents')).map((r: { type: string }) => r.type)).size).toBe(6);
  });

  it('records each row at the dataset’s own time, with the import in the metadata', async () => {
    const [reported] = await store.readStream(incidentStreamId(importedIncidentId('acled', 'MLI858')));
    expect(reported.recordedAt.toISOString()).toBe('2014-05-19T00:00:00.000Z');
    expect(reported.metadata).toMatchObject({ userId: 'analyst-1', import: { dataset: 'acled', file: 'acled-mali-2014.csv', sha256: first.sha256 } });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('creates each unknown name once as a provisional actor', async () => {
    const provisional: { id: string }[] = await db.query(`SELECT id FROM actors WHERE (record->>'provisional')::boolean ORDER BY id`);
    expect(provisional.map((a) => a.id)).toEqual([...first.provisionalActors].sort());
    expect(provisional.map((a) => a.id)).toContain('unidentified-armed-group-mali');
    expect(provisional.map((a) => a.id)).not.toContain('fama');
  });

  it('counts by main actor apart from including associated actors', async () => {
    const count = async (filters: object) => applyIncidentFilters(db.getRepository(IncidentRow).createQueryBuilder('i'), filters).getCount();
    expect(await count({ actor: ['hcua-high-council-for-the-unity-of-azawad'] })).toBe(1);
    expect(await count({ actor: ['hcua-high-council-for-the-unity-of-azawad'], actorRole: 'main' })).toBe(0);
    expect(await count({ external: ['acled:MLI858'] })).toBe(1);
    expect(await count({ admin2: ['Tessalit'] })).toBe(3);
  });

  it('counts a merged actor’s incidents under the survivor', async () => {
    const count = async (actor: string) => applyIncidentFilters(db.getRepository(IncidentRow).createQueryBuilder('i'), { actor: [actor] }).getCount();
    const uag = 'unidentified-armed-group-mali';
    const [{ either }] = await db.query(`SELECT count(*)::int AS either FROM incidents WHERE actor_ids && ARRAY['fama', $1]`, [uag]);
    expect(await count('fama')).toBeLessThan(either);
    await store.append(actorStreamId(uag), [{ id: crypto.randomUUID(), type: 'ActorMerged', data: { actorId: uag, into: 'fama', reason: 'test' }, metadata: { userId: 'admin' } }], {
      expected: 1,
    });
    await project();
    expect(await count('fama')).toBe(either);
    const provisional: { id: string }[] = await db.query(`SELECT id FROM actors WHERE (record->>'provisional')::boolean AND record->>'mergedInto' IS NULL`);
    expect(provisional.map((a) => a.id)).not.toContain(uag);
  });

  it('appends nothing when the same file is imported again', async () => {
    const before = (await allEvents()).length;
    expect(await acled('acled-mali-2014.csv')).toMatchObject({ read: 34, new: 0, amended: 0, unchanged: 25, rejected: 9 });
    expect((await allEvents()).length).toBe(before);
  });

  it('takes a newer snapshot as amendments of what changed, and retracts what it dropped; as of before, the old figure', async () => {
    const summary = await acled('acled-mali-2014-v2.csv', { retractMissing: true });
    expect(summary).toMatchObject({ read: 25, new: 1, amended: 2, unchanged: 22, retracted: 1, rejected: 0 });
    await project();
    const events = await store.readStream(incidentStreamId(importedIncidentId('acled', 'MLI858')));
    expect(events.map((e) => e.type)).toEqual(['IncidentReported', 'IncidentAmended']);
    expect(events[1].data).toEqual({
      incidentId: importedIncidentId('acled', 'MLI858'),
      changes: { harm: { killed: 9, injured: null, abducted: null }, externalRefs: [{ dataset: 'acled', id: 'MLI858', version: '1403049600' }] },
      reason: 'ACLED MLI858, version 1403049600',
    });
    expect(events[1].recordedAt.toISOString()).toBe('2014-06-18T00:00:00.000Z');
    expect((await incident('MLI860')).status).toBe('retracted');
    const asOf = async (at: string) =>
      (await db.query('SELECT killed FROM incident_versions WHERE id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)', [importedIncidentId('acled', 'MLI858'), at]))[0]?.killed;
    expect(await asOf('2014-05-18T00:00:00Z')).toBeUndefined();
    expect(await asOf('2014-06-01T00:00:00Z')).toBe(8);
    expect(await asOf('2014-06-20T00:00:00Z')).toBe(9);
  });

  it('reads the older layout, with actor types as numbers', async () => {
    const summary = await acled('acled-older-layout.csv');
    expect(summary).toMatchObject({ read: 3, new: 2, rejected: 1 });
    expect(summary.rejections[0]).toEqual({ line: 4, reason: expect.stringMatching(/inter1/) });
    expect((await store.readStream(incidentStreamId(importedIncidentId('acled', 'MLI901'))))[0].data).toMatchObject({ targets: ['civilians'] });
  });

  it('imports UCDP GED with its low, best and high, at the release’s date', async () => {
    const summary = await runImport(store, db, {
      dataset: 'ucdp',
      file: fixture('ucdp-ged-mali-2014.csv'),
      userId: 'analyst-1',
      release: { version: '25.1', publishedAt: new Date('2025-06-01T00:00:00Z') },
    });
    expect(summary).toMatchObject({ read: 6, new: 3, rejected: 3 });
    expect(summary.rejections.map((r) => r.line)).toEqual([5, 6, 7]);
    const [kidal] = await store.readStream(incidentStreamId(importedIncidentId('ucdp', 'MLI-2014-1-143001')));
    expect(kidal.recordedAt.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(kidal.data).toMatchObject({
      harm: { killed: 8, injured: null, abducted: null, killedRange: { low: 6, high: 12 } },
      actors: [{ actorId: 'fama', role: 'side_a' }, { actorId: 'mnla', role: 'side_b' }],
      location: { admin1: 'Kidal', admin2: 'Kidal cercle' },
      externalRefs: [{ dataset: 'ucdp', id: 'MLI-2014-1-143001', version: '25.1' }],
    });
    const [mujao] = await store.readStream(incidentStreamId(importedIncidentId('ucdp', 'MLI-2014-1-143003')));
    expect(mujao.data).toMatchObject({ type: 'violence_against_civilians', harm: { killed: null }, timePrecision: 'month', location: { precision: 'region' } });
  });
});

describe('Importing one file twice at once', () => {
  it('appends each row once: the import that finds a row taken reads it again and leaves it unchanged', async () => {
    const store = await createPostgresEventStore({ connectionString: await freshDatabaseUrl('es') });
    const db = readModelDataSource(await freshDatabaseUrl('rm'));
    await db.initialize();
    await migrateReadModels(db);
    try {
      // Chunks of 3 rows, so the two imports' batches interleave and meet on the same streams.
      const run = () => runImport(store, db, { dataset: 'acled', file: fixture('acled-mali-2014.csv'), userId: 'analyst-1', concurrency: 3 });
      const summaries = await Promise.all([run(), run()]);
      for (const summary of summaries) {
        expect(summary).toMatchObject({ read: 34, rejected: 9 });
        expect(summary.new + summary.unchanged).toBe(25);
      }
      const { events } = await store.readAll({ limit: 10_000, streamPrefixes: ['incident-'] });
      expect(events).toHaveLength(25);
      expect(new Set(events.map((e) => e.streamId)).size).toBe(25);
    } finally {
      await store.close();
      await db.destroy();
    }
  });
});
