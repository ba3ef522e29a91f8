import { fileURLToPath } from 'node:url';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';
import { importedIncidentId, runImport } from '#tracker';

const fixture = fileURLToPath(new URL('../../../libs/tracker/src/imports/fixtures/acled-mali-2014.csv', import.meta.url));

describe('Imported records over HTTP', () => {
  let tracker: TestTracker;
  let admin: SignedClient;
  let monitor: SignedClient;
  let last: string;

  beforeAll(async () => {
    tracker = await startTestTracker();
    admin = await tracker.client('admin', 'admin-imports');
    monitor = await tracker.client('monitor', 'monitor-imports');
    const summary = await runImport(tracker.store, tracker.readModels, { dataset: 'acled', file: fixture, userId: 'analyst-1' });
    last = summary.lastPosition!;
  });
  afterAll(() => tracker.close());

  it('finds an incident by its dataset reference, and lists the provisional actors the import created', async () => {
    const found = await admin.get('/api/incidents').query({ minPosition: last, external: 'acled:MLI858' });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain(importedIncidentId('acled', 'MLI858'));
    expect((await admin.get('/api/incidents').query({ external: 'gtd:1' })).status).toBe(400);
    const provisional = await admin.get('/api/actors').query({ minPosition: last, provisional: 'true' });
    expect(provisional.status).toBe(200);
    expect(provisional.body.actors.map((a: { id: string }) => a.id)).toContain('unidentified-armed-group-mali');
  });

  it('lets an administrator, and nobody else, merge a provisional actor; it then leaves the provisional list', async () => {
    const body = { expectedVersion: 1, into: 'maa-arab-movement-of-azawad', reason: 'one group' };
    expect((await monitor.post('/api/actors/hcua-high-council-for-the-unity-of-azawad/merger').send(body)).status).toBe(403);
    const merged = await admin.post('/api/actors/hcua-high-council-for-the-unity-of-azawad/merger').send(body);
    expect(merged.status).toBe(200);
    expect((await admin.post('/api/actors/maa-arab-movement-of-azawad/merger').send({ ...body, into: 'maa-arab-movement-of-azawad' })).status).toBe(400);
    const provisional = await admin.get('/api/actors').query({ minPosition: merged.body.position, provisional: 'true' });
    expect(provisional.body.actors.map((a: { id: string }) => a.id)).not.toContain('hcua-high-council-for-the-unity-of-azawad');

    // MLI858 names both: after the merger it counts once, under the survivor, and the merged actor has no group.
    const stats = await admin.get('/api/stats').query({ minPosition: merged.body.position, groupBy: 'actor', external: 'acled:MLI858' });
    expect(stats.status).toBe(200);
    const groups = Object.fromEntries(stats.body.groups.map((g: { actor: string; incidents: number }) => [g.actor, g.incidents]));
    expect(groups['maa-arab-movement-of-azawad']).toBe(1);
    expect(groups).not.toHaveProperty('hcua-high-council-for-the-unity-of-azawad');
    const survivor = await admin.get('/api/stats').query({ groupBy: 'actor', actor: 'maa-arab-movement-of-azawad' });
    const all = await admin.get('/api/incidents').query({ actor: 'maa-arab-movement-of-azawad', limit: 500 });
    expect(survivor.body.groups.find((g: { actor: string }) => g.actor === 'maa-arab-movement-of-azawad').incidents).toBe(all.body.features.length);
  });

  it('takes associated actors, with the side they stand with, in a report over HTTP', async () => {
    const reviewer = await tracker.client('reviewer', 'reviewer-imports');
    const actors = [
      { actorId: 'mnla-national-movement-for-the-liberation-of-azawad', role: 'side_a' },
      { actorId: 'military-forces-of-mali-2013', role: 'side_b' },
      { actorId: 'maa-arab-movement-of-azawad', role: 'associated', with: 'side_a' },
    ];
    const reported = await reviewer.post('/api/incidents').send({ ...kidalReport(), actors });
    expect(reported.status).toBe(201);
    const record = await reviewer.get(`/api/incidents/${reported.body.id}`).query({ minPosition: reported.body.position });
    expect(record.body.details.actors).toEqual(actors);
    // Counted "including associated" but not "by main actor".
    const main = await reviewer.get('/api/incidents').query({ actor: 'maa-arab-movement-of-azawad', actorRole: 'main', from: '2014-05-17', to: '2014-05-17' });
    expect(main.body.features.map((f: { id: string }) => f.id)).not.toContain(reported.body.id);

    const without = await reviewer.post('/api/incidents').send({ ...kidalReport(), actors: [actors[0], { ...actors[2], with: undefined }] });
    expect(without.status).toBe(400);
    expect(without.body.errors.map((e: { field: string }) => e.field)).toEqual(['actors[1].with']);
    const misplaced = await reviewer.post('/api/incidents').send({ ...kidalReport(), actors: [{ ...actors[0], with: 'side_b' }] });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.errors.map((e: { field: string }) => e.field)).toEqual(['actors[0].with']);
    expect((await reviewer.post('/api/incidents').send({ ...kidalReport(), actors: [{ ...actors[2], with: 'side_c' }] })).status).toBe(400);
  });
});
