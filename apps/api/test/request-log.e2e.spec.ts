import { Writable } from 'node:stream';
import request from 'supertest';
import { eventually } from '../../../test/eventually.js';
import { startTestTracker, type TestTracker } from '../../../test/tracker.js';

describe('request logs', () => {
  let tracker: TestTracker;
  const lines: string[] = [];
  const logged = () => lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    tracker = await startTestTracker({ log: { level: 'info', destination } });
  });
  afterAll(() => tracker.close());

  it('writes one line per request: its id (answered as X-Request-Id), the user, the route, the status and the latency; never the token', async () => {
    const headers = await tracker.as('monitor', 'log-reader');
    const answer = await request(tracker.app.getHttpServer()).get('/api/incidents/8f3a1c2e-0000-4000-8000-000000000000').set(headers).expect(404);
    const requestId = answer.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // pino writes the line when the response has finished, which may be just after the client has it.
    const line = await eventually('the request logged', () => logged().find((entry) => entry.requestId === requestId));
    expect(line).toMatchObject({ user: 'log-reader', route: '/api/incidents/:id', status: 404, req: { method: 'GET', url: '/api/incidents/8f3a1c2e-0000-4000-8000-000000000000' } });
    expect(line?.latencyMs).toEqual(expect.any(Number));
    expect(lines.join('')).not.toContain(headers.Authorization.slice('Bearer '.length));
  });

  it("keeps a caller's plain X-Request-Id and replaces one it could not log as is", async () => {
    const http = request(tracker.app.getHttpServer());
    expect((await http.get('/api/health/live').set('X-Request-Id', 'edge-7f.42').expect(200)).headers['x-request-id']).toBe('edge-7f.42');
    const odd = await http.get('/api/health/live').set('X-Request-Id', 'a b"}').expect(200);
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const health = await eventually('both requests logged', () => {
      const found = logged().filter((entry) => entry.route === '/api/health/live');
      return found.length === 2 ? found : undefined;
    });
    expect(health!.map((entry) => [entry.requestId, entry.user, entry.status])).toEqual([
      ['edge-7f.42', undefined, 200],
      [odd.headers['x-request-id'], undefined, 200],
    ]);
  });
});
