import { randomUUID } from 'node:crypto';
import { incidentStreamId, MAX_CASUALTY_COUNT, reviewStreamId } from '#domain';
import type { NewEvent } from '#event-store';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

/** One more than `int` can sum at the largest toll the boundary allows: 2,148 × 1,000,000 > 2^31 − 1. */
const INCIDENTS = Math.floor(2 ** 31 / MAX_CASUALTY_COUNT) + 1;

/**
 * The boundary caps one incident's dead (MAX_CASUALTY_COUNT) but not how many incidents there are:
 * the dead in confirmed violations, summed per group and month, must not overflow. Found while
 * writing the projection property test (its runs are too small to reach it): `int` sums made the
 * `reviews` projection park and the by-group report answer 500.
 */
describe('Violations by group at the largest tolls', () => {
  let tracker: TestTracker;
  let http: SignedClient;

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = await tracker.client(['reviewer', 'admin'], 'ctms-operator');
  });
  afterAll(() => tracker.close());

  it(`sums the dead of ${INCIDENTS.toLocaleString('en-US')} confirmed violations of ${MAX_CASUALTY_COUNT.toLocaleString('en-US')} each in one month`, async () => {
    const event = (type: string, data: NewEvent['data']): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId: 'ctms-operator' } });
    // The store's head is only what readers may see now (below every open transaction, other test
    // files' too): wait for the position of the last event appended instead.
    let last = '';
    const append = async (n: number) => {
      const incidentId = randomUUID();
      const reviewId = randomUUID();
      await tracker.store.append(incidentStreamId(incidentId), [event('IncidentReported', { incidentId, ...kidalReport(), harm: { killed: MAX_CASUALTY_COUNT, injured: 0, abducted: 0 }, sources: [] })], { expected: 'no_stream' });
      const { position } = await tracker.store.append(
        reviewStreamId(reviewId),
        [
          event('ViolationAlleged', { reviewId, incidentId, agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['mnla'], note: `allegation ${n}`, incidentDate: '2014-05-17' }),
          event('FindingRecorded', { reviewId, outcome: 'violation', responsibleParties: ['mnla'], provisions: ['art. 1'], verificationMission: null, note: 'confirmed' }),
        ],
        { expected: 'no_stream' },
      );
      if (position > last) last = position;
    };
    for (let n = 0; n < INCIDENTS; n += 25) await Promise.all(Array.from({ length: Math.min(25, INCIDENTS - n) }, (_, i) => append(n + i)));

    // Every projection, not only the reviews: no parked event means none refused these, not none met them yet.
    await tracker.caughtUp(last);
    expect(await tracker.readModels.query('SELECT projection, error FROM parked_events')).toEqual([]);

    const table = await http.get('/api/violations/by-group').query({ agreement: 'kidal-ceasefire-2014', minPosition: last });
    expect(table.status).toBe(200);
    const killed = INCIDENTS * MAX_CASUALTY_COUNT;
    expect(table.body.rows).toEqual([expect.objectContaining({ group: 'mnla', confirmed: INCIDENTS, killedInConfirmed: killed })]);
    // A period that ends mid-month reads the cells rather than the month totals: the same sum.
    const partial = await http.get('/api/violations/by-group').query({ agreement: 'kidal-ceasefire-2014', from: '2014-05-02', to: '2014-05-30' });
    expect(partial.body.rows).toEqual([expect.objectContaining({ group: 'mnla', killedInConfirmed: killed })]);
  }, 180_000);
});
