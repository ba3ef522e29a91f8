import { randomUUID } from 'node:crypto';
import { incidentStreamId } from '#domain';
import request from 'supertest';
import { eventually } from '../../../test/eventually.js';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/**
 * Issue 12, case 4: an event the read models cannot hold (2^31 dead, beyond `int`) wedged the
 * incidents, timeline and reviews projections for good while `GET /api/health` said "ok". Now it
 * is parked, later reports still reach the read models, and health says so.
 */
describe('A poison event in the store', () => {
  let tracker: TestTracker;
  let monitor: SignedClient;
  let admin: SignedClient;
  let anonymous: ReturnType<typeof request>;

  beforeAll(async () => {
    tracker = await startTestTracker({ projectionPolicy: { attempts: 3, backoffMs: 20, lagSeconds: 5, lockTimeoutMs: 500 } });
    monitor = await tracker.client('monitor');
    admin = await tracker.client('admin');
    anonymous = request(tracker.app.getHttpServer());
    for (const [id, kind, inter] of [['mnla', 'rebel_group', 2], ['fama', 'state_forces', 1]] as const) {
      expect((await admin.post('/api/actors').send({ id, name: id.toUpperCase(), shortName: id.toUpperCase(), kind, inter })).status).toBe(201);
    }
  });
  afterAll(() => tracker.close());

  /** The incident once the incidents read model has passed `position` (a write's). */
  async function readBack(id: string, position: string) {
    const response = await monitor.get(`/api/incidents/${id}`).query({ minPosition: position });
    expect(response.status).toBe(200);
    expect(response.headers['x-read-model-behind']).toBeUndefined();
    return response.body;
  }

  /** What an administrator reads of readiness once `until` holds of it (20 s at most). */
  const readinessOnce = (what: string, until: (problems: string[]) => boolean) =>
    eventually(what, async () => {
      const detailed = await admin.get('/api/health/ready');
      return until(detailed.body.problems) && detailed;
    }, { timeoutMs: 20_000, intervalMs: 100 });

  it('is parked; later reports reach the map; ready says 503 naming it; the incident says it needs attention', async () => {
    const before = await monitor.post('/api/incidents').send(kidalReport());
    expect(before.status).toBe(201);
    await readBack(before.body.id, before.body.position);
    expect((await anonymous.get('/api/health/ready')).status).toBe(200);

    // Appended past the HTTP boundary, as an old build or an importer could have done.
    const poisonId = randomUUID();
    const poison = await tracker.store.append(
      incidentStreamId(poisonId),
      [{ id: randomUUID(), type: 'IncidentReported', data: { incidentId: poisonId, ...kidalReport(), harm: { killed: 2 ** 31, injured: 0, abducted: 0 }, sources: [] }, metadata: { userId: 'monitor-1' } }],
      { expected: 'no_stream' },
    );
    const after = await monitor.post('/api/incidents').send({ ...kidalReport(), description: 'reported after the poison' });
    expect(after.status).toBe(201);
    expect((await readBack(after.body.id, after.body.position)).details.description).toBe('reported after the poison');
    const map = await monitor.get('/api/incidents').query({ minPosition: after.body.position, bbox: '1,18,2,19' });
    expect(map.body.features.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining([before.body.id, after.body.id]));
    // Every projection, not only the incidents the reads above waited for, has gone past the poison.
    await tracker.caughtUp(after.body.position);

    const parked: { projection: string; position: string; error: string }[] = await tracker.readModels.query('SELECT projection, position, error FROM parked_events ORDER BY projection');
    expect(parked.map((p) => p.projection)).toEqual(expect.arrayContaining(['incidents', 'timeline']));
    expect(parked.every((p) => p.position === poison.position && /out of range for type integer/.test(p.error))).toBe(true);

    // Anyone: the verdict and a one-word reason. An administrator: the parked event named.
    const ready = await anonymous.get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', reason: 'events_parked' });
    const detailed = await admin.get('/api/health/ready');
    expect(detailed.status).toBe(503);
    expect(detailed.body.problems.join('\n')).toContain(`parked IncidentReported at ${poison.position} (stream ${incidentStreamId(poisonId)})`);
    expect(detailed.body.parkedEvents[0]).toMatchObject({ position: poison.position, streamId: incidentStreamId(poisonId), eventType: 'IncidentReported' });
    expect((await monitor.get('/api/health/ready')).body).toEqual({ status: 'not_ready', reason: 'events_parked' });
    expect((await anonymous.get('/api/health')).body).toEqual({ status: 'degraded', reason: 'events_parked' });
    expect((await anonymous.get('/api/health/live')).status).toBe(200);

    const missing = await monitor.get(`/api/incidents/${poisonId}`);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('parked');
  });

  it('an amendment that cannot be held marks the incident as needing attention, and its later amendments still apply', async () => {
    const created = await monitor.post('/api/incidents').send(kidalReport());
    const id = created.body.id as string;
    await readBack(id, created.body.position);
    const amended = await tracker.store.append(
      incidentStreamId(id),
      [{ id: randomUUID(), type: 'IncidentAmended', data: { incidentId: id, changes: { harm: { killed: 2 ** 31, injured: 0, abducted: 0 } }, reason: 'typo' }, metadata: { userId: 'monitor-1' } }],
      { expected: 1 },
    );
    const fixed = await monitor.patch(`/api/incidents/${id}`).send({ expectedVersion: 2, changes: { harm: { killed: 9, injured: 20, abducted: 0 } }, reason: 'corrected' });
    expect(fixed.status).toBe(200);
    const incident = await readBack(id, fixed.body.position);
    expect(incident).toMatchObject({ version: 3, details: { harm: { killed: 9 } } });
    expect(incident.needsAttention.parkedEvents).toEqual(expect.arrayContaining([expect.objectContaining({ projection: 'incidents', eventType: 'IncidentAmended', position: amended.position })]));
  });

  it('ready says 503 when a projection is wedged by something other than an event (lag beyond its bound), and recovers', async () => {
    // Hold the timeline's table from another session: its writes wait, the others go on. (SHARE, which
    // takes no transaction id: an open transaction that has one holds back every reader of the store.)
    const holder = tracker.readModels.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE timeline_entries IN SHARE MODE');
    try {
      const created = await monitor.post('/api/incidents').send(kidalReport());
      await readBack(created.body.id, created.body.position);
      const detailed = await readinessOnce('the timeline said failing', (problems) => problems.some((p) => p.startsWith('timeline: failing')));
      expect(detailed.status).toBe(503);
      expect(detailed.body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^timeline: failing for \d+ s: .*lock timeout/)]));
      expect(detailed.body.projections.find((p: { name: string }) => p.name === 'timeline')).toMatchObject({ caughtUp: false, runner: { state: 'retrying' } });
      expect((await anonymous.get('/api/health/ready')).body).toEqual({ status: 'not_ready', reason: 'events_parked' });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // The poison of the first test stays parked (a problem of its own); the lag must go.
    const after = await readinessOnce('the timeline recovered', (problems) => !problems.some((p) => p.startsWith('timeline:') && !p.includes('parked')));
    expect(after.body.problems.filter((p: string) => !p.includes('parked'))).toEqual([]);
  });
});
