import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

describe('Actors by name: the filter, the timeline and the CSV speak in the names registered now', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  let admin: SignedClient;
  // Each read waits for the last write, as the web app's reads do (the reviewer reads what others wrote).
  let lastWrite: string;
  const written = (response: { status: number; body: { position: string } }, status: number) => {
    expect(response.status).toBe(status);
    lastWrite = response.body.position;
  };

  beforeAll(async () => {
    tracker = await startTestTracker();
    admin = await tracker.client('admin');
    http = await tracker.client('reviewer');
    const mujao = { id: 'mujao', name: 'Mouvement pour l’unicité et le jihad en Afrique de l’Ouest', shortName: 'MUJAO', aliases: ['Movement for Oneness and Jihad in West Africa'], kind: 'rebel_group', inter: 2, citation: 'test' };
    expect((await admin.post('/api/actors').send(mujao)).status).toBe(201);
    await tracker.registerActors(['mnla', 'fama']);
    const monitor = await tracker.client('monitor');
    written(await monitor.post('/api/incidents').send(kidalReport()), 201);
    const gao = { ...kidalReport(), location: { lat: 16.27, lon: -0.04, place: 'Gao', admin1: 'Gao', precision: 'exact' }, actors: [{ actorId: 'mujao', role: 'perpetrator' }] };
    written(await monitor.post('/api/incidents').send(gao), 201);
  });
  afterAll(() => tracker.close());

  const places = async (actor: string) => {
    const response = await http.get('/api/incidents').query({ actor, minPosition: lastWrite });
    expect(response.status).toBe(200);
    return response.body.features.map((f: { properties: { place: string } }) => f.properties.place);
  };

  it('finds an actor by id, short name, full name or alias, whatever the case and accents', async () => {
    expect(await places('mujao')).toEqual(['Gao']);
    expect(await places('Mujao')).toEqual(['Gao']);
    expect(await places('mouvement pour l’unicite et le jihad en afrique de l’ouest')).toEqual(['Gao']);
    expect(await places('MOVEMENT FOR ONENESS AND JIHAD IN WEST AFRICA')).toEqual(['Gao']);
    expect(await places('MNLA,mujao')).toHaveLength(2);
    expect((await http.get('/api/stats?actor=Mujao').query({ minPosition: lastWrite })).body.total.incidents).toBe(1);
  });

  it('answers 400 naming actor for a name no actor has, on every endpoint', async () => {
    for (const path of ['/api/incidents', '/api/incidents/map', '/api/incidents/export?format=csv', '/api/stats', '/api/timeline?around=2014-05-17']) {
      const response = await http.get(path).query({ actor: 'Ansar Eddine' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('actor');
      expect(JSON.stringify(response.body)).toContain('no actor named Ansar Eddine');
    }
  });

  it('names actors in the CSV and the timeline by their current names, after a rename and a new alias', async () => {
    const csv = await http.get('/api/incidents/export?format=csv&admin1=Gao').query({ minPosition: lastWrite });
    expect(csv.text).toContain('Mouvement pour l’unicité et le jihad en Afrique de l’Ouest');
    expect(csv.text).toContain(',mujao,');
    written(await admin.post('/api/actors/mujao/renaming').send({ expectedVersion: 1, name: 'MUJAO (renamed)', shortName: 'Mujao-R', reason: 'test' }), 200);
    written(await admin.post('/api/actors/mujao/aliases').send({ expectedVersion: 2, alias: 'Tawhid wal Jihad' }), 200);
    expect((await http.get('/api/incidents/export?format=csv&admin1=Gao').query({ minPosition: lastWrite })).text).toContain('MUJAO (renamed)');
    expect(await places('tawhid wal jihad')).toEqual(['Gao']);
    const timeline = await http.get('/api/timeline?around=2014-05-17&admin1=Gao').query({ minPosition: lastWrite });
    expect(timeline.body.entries[0].summary.text).toContain('Mujao-R');
  });
});
