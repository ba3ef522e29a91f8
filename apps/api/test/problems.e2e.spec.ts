import request from 'supertest';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type TestTracker } from '../../../test/tracker.js';

/** Every refusal, whoever raises it (our rules, Nest, Express, body-parser), is an RFC 9457 problem document. */
describe('Problem documents', () => {
  let tracker: TestTracker;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = request(tracker.app.getHttpServer());
  });
  afterAll(() => tracker.close());

  const expectProblem = (response: request.Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `https://ceasefire-tracker.example/problems/${code}`, status, code, title: expect.any(String), detail: expect.any(String) });
    expect(response.body.title.length).toBeGreaterThan(0);
  };

  it('names the fields a validation refusal is about', async () => {
    const monitor = await tracker.as('monitor');
    const response = await http.post('/api/incidents').set(monitor).send({ ...kidalReport(), location: { ...kidalReport().location, lat: 91 } });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'location.lat' })]));
  });

  it('answers an unknown route, a missing token and a refused role', async () => {
    expectProblem(await http.get('/api/no-such-thing').set(await tracker.as('monitor')), 404, 'not_found');
    expectProblem(await http.get('/api/incidents'), 401, 'sign_in_required');
    expectProblem(await http.get('/api/users').set(await tracker.as('monitor')), 403, 'forbidden');
  });

  it('answers malformed JSON and a body over the limit', async () => {
    const monitor = await tracker.as('monitor');
    expectProblem(await http.post('/api/incidents').set(monitor).set('content-type', 'application/json').send('{"type": '), 400, 'malformed_json');
    const large = JSON.stringify({ ...kidalReport(), description: 'x'.repeat(1_100_000) });
    expectProblem(await http.post('/api/incidents').set(monitor).set('content-type', 'application/json').send(large), 413, 'body_too_large');
  });

  it("answers 403 when a monitor amends another monitor's report, from the rules", async () => {
    await tracker.registerActors(['mnla', 'fama']);
    const mine = await (await tracker.client('monitor', 'monitor-a')).post('/api/incidents').send(kidalReport()).expect(201);
    const other = await tracker.client('monitor', 'monitor-b');
    const refused = await other.patch(`/api/incidents/${mine.body.id}`).send({ expectedVersion: 1, changes: { description: 'not mine' }, reason: 'trying' });
    expectProblem(refused, 403, 'not_your_report');
  });
});
