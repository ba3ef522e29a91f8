import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/** Regression tests for issue 13: each `describe` is one of the ways an outside tester broke in. */
describe('Under attack', () => {
  let tracker: TestTracker;
  let monitor: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker();
    monitor = await tracker.client('monitor');
  });
  afterAll(() => tracker.close());

  describe('4. one Idempotency-Key, many bodies at once', () => {
    it('accepts exactly one of 20 different bodies sent in parallel, records that one, and refuses the 19 others with 422', async () => {
      const before = await tracker.eventCount();
      const bodies = Array.from({ length: 20 }, (_, i) => ({ ...kidalReport(), description: `parallel body ${i}` }));
      const answers = await Promise.all(bodies.map((body) => monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(body)));
      const accepted = answers.filter((a) => a.status === 201);
      expect(accepted).toHaveLength(1);
      expect(answers.filter((a) => a.status === 422).every((a) => a.body.error === 'idempotency_key_reused')).toBe(true);
      expect(answers.filter((a) => a.status === 422)).toHaveLength(19);
      expect(await tracker.eventCount()).toBe(before + 1);

      const winner = bodies[answers.indexOf(accepted[0])];
      const history = await monitor.get(`/api/incidents/${accepted[0].body.id}/history`).expect(200);
      expect(history.body.events).toHaveLength(1);
      expect(history.body.events[0].data.description).toBe(winner.description);
      // The winner's retry replays its answer; any other body stays refused.
      const retry = await monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(winner).expect(201);
      expect(retry.body).toEqual(accepted[0].body);
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-1').send(bodies[(answers.indexOf(accepted[0]) + 1) % 20]).expect(422);
    });

    it('accepts 20 copies of one body sent in parallel as one report, answering each the same', async () => {
      const before = await tracker.eventCount();
      const body = { ...kidalReport(), description: 'one body, twenty sends' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => monitor.post('/api/incidents').set('Idempotency-Key', 'k-race-2').send(body)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('accepts one of 20 amendments with one key and different bodies, sent in parallel', async () => {
      const created = await monitor.post('/api/incidents').send(kidalReport()).expect(201);
      const before = await tracker.eventCount();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          monitor
            .patch(`/api/incidents/${created.body.id}`)
            .set('Idempotency-Key', 'k-race-3')
            .send({ expectedVersion: 1, changes: { harm: { killed: 10 + i, injured: 20, abducted: 0 } }, reason: `count ${i}` }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 422)).toHaveLength(19);
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('frees a key whose request was refused, so it can carry a corrected one', async () => {
      const bad = { ...kidalReport(), location: { ...kidalReport().location, lat: 123 } };
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-refused-1').send(bad).expect(400);
      await monitor.post('/api/incidents').set('Idempotency-Key', 'k-refused-1').send(kidalReport()).expect(201);
    });
  });
});
