import { randomUUID } from 'node:crypto';
import {
  countViolationsByGroup,
  evolveReview,
  initialReviewState,
  type CoalitionMembership,
  type FindingOutcome,
  type ReviewEvent,
  type ReviewState,
  type ReviewedIncident,
  type ViolationFilters,
} from '#domain';
import { createPostgresEventStore, type EventStore, type NewEvent } from '#event-store';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { runProjection } from '../projections/projection-runner.js';
import { migrateReadModels, readModelDataSource } from '../read-model-data-source.js';
import { reviewProjection } from '../reviews/review.projection.js';
import { violationsByGroupSql } from './violations-by-group.sql.js';

/**
 * The by-group report the API answers (SQL over the cells and month totals the reviews projection
 * keeps) equals the domain's countViolationsByGroup over the same reviews, incidents and
 * memberships, whatever happened to them: reviews alleged, decided, reopened and decided again;
 * incidents moved to another day or month, their dead revised, retracted; groups joining and
 * leaving coalitions after their incidents were counted. The store and read models carry on from
 * one generated run to the next, so the projection's incremental bookkeeping is what is checked.
 */

const ACTORS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const COALITIONS = ['cma', 'plateforme'];
const AGREEMENTS = ['kidal', 'ouaga'];
const OUTCOMES: FindingOutcome[] = ['violation', 'no_violation', 'inconclusive'];
// 2014-01-01 plus up to two years: periods cover whole months and the days at either end.
const DAYS = 730;
const dayOf = (n: number) => new Date(Date.UTC(2014, 0, 1) + (n % DAYS) * 86_400_000).toISOString().slice(0, 10);

type Action =
  | { kind: 'report'; day: number; killed: number | null }
  | { kind: 'amend'; incident: number; day: number | null; killed: number | null }
  | { kind: 'retract'; incident: number }
  | { kind: 'allege'; incident: number; agreement: number; parties: string[] }
  | { kind: 'find'; review: number; outcome: FindingOutcome; responsible: string[] }
  | { kind: 'reopen'; review: number }
  | { kind: 'join'; actor: number; coalition: number; day: number }
  | { kind: 'leave'; membership: number; days: number };

const parties = fc.subarray(ACTORS, { minLength: 1, maxLength: 3 });
const killed = fc.option(fc.nat({ max: 40 }), { freq: 5 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('report' as const), day: fc.nat(DAYS - 1), killed }),
  fc.record({ kind: fc.constant('amend' as const), incident: fc.nat(), day: fc.option(fc.nat(DAYS - 1)), killed }),
  fc.record({ kind: fc.constant('retract' as const), incident: fc.nat() }),
  fc.record({ kind: fc.constant('allege' as const), incident: fc.nat(), agreement: fc.nat(AGREEMENTS.length - 1), parties }),
  fc.record({ kind: fc.constant('allege' as const), incident: fc.nat(), agreement: fc.nat(AGREEMENTS.length - 1), parties }),
  fc.record({ kind: fc.constant('find' as const), review: fc.nat(), outcome: fc.constantFrom(...OUTCOMES), responsible: parties }),
  fc.record({ kind: fc.constant('find' as const), review: fc.nat(), outcome: fc.constantFrom(...OUTCOMES), responsible: parties }),
  fc.record({ kind: fc.constant('reopen' as const), review: fc.nat() }),
  fc.record({ kind: fc.constant('join' as const), actor: fc.nat(ACTORS.length - 1), coalition: fc.nat(COALITIONS.length - 1), day: fc.nat(DAYS - 1) }),
  fc.record({ kind: fc.constant('leave' as const), membership: fc.nat(), days: fc.integer({ min: 1, max: 400 }) }),
);
const filters: fc.Arbitrary<ViolationFilters> = fc.record(
  {
    agreement: fc.constantFrom(...AGREEMENTS, 'unknown'),
    from: fc.nat(DAYS - 1).map(dayOf),
    to: fc.nat(DAYS - 1).map(dayOf),
    rollup: fc.constantFrom('actor' as const, 'coalition' as const),
  },
  { requiredKeys: [] },
);

const event = (type: string, data: NewEvent['data']): NewEvent => ({ id: randomUUID(), type, data, metadata: { userId: 'tester' } });

function incidentDetails(day: string, dead: number | null) {
  return {
    occurredAt: day,
    timePrecision: 'day',
    location: { lat: 18.4, lon: 1.4, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
    type: 'battles',
    subType: 'armed_clash',
    targets: ['state_forces'],
    actors: [{ actorId: 'alpha', role: 'perpetrator' }],
    harm: { killed: dead, injured: 0, abducted: 0 },
    description: 'clash',
    sources: [],
  };
}

/** What the store holds, as the domain sees it. */
class World {
  readonly incidents: { id: string; facts: ReviewedIncident }[] = [];
  readonly reviews: { id: string; state: ReviewState }[] = [];
  readonly memberships: CoalitionMembership[] = [];

  constructor(private readonly store: EventStore) {}

  async apply(a: Action): Promise<void> {
    const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
    switch (a.kind) {
      case 'report': {
        const id = randomUUID();
        const facts = { occurredOn: dayOf(a.day), killed: a.killed, retracted: false };
        await this.store.append(`incident-${id}`, [event('IncidentReported', { incidentId: id, ...incidentDetails(facts.occurredOn, a.killed) })], { expected: 'no_stream' });
        this.incidents.push({ id, facts });
        return;
      }
      case 'amend': {
        const incident = pick(this.incidents, a.incident);
        if (!incident) return;
        const changes = { ...(a.day === null ? {} : { occurredAt: dayOf(a.day) }), harm: { killed: a.killed, injured: 0, abducted: 0 } };
        await this.store.append(`incident-${incident.id}`, [event('IncidentAmended', { incidentId: incident.id, changes, reason: 'revised' })], { expected: 'any' });
        incident.facts = { ...incident.facts, ...(a.day === null ? {} : { occurredOn: dayOf(a.day) }), killed: a.killed };
        return;
      }
      case 'retract': {
        const incident = pick(this.incidents, a.incident);
        if (!incident || incident.facts.retracted) return;
        await this.store.append(`incident-${incident.id}`, [event('IncidentRetracted', { incidentId: incident.id, reason: 'false_report', note: '' })], { expected: 'any' });
        incident.facts = { ...incident.facts, retracted: true };
        return;
      }
      case 'allege': {
        const incident = pick(this.incidents, a.incident);
        if (!incident) return;
        const reviewId = randomUUID();
        const data = { reviewId, incidentId: incident.id, agreementId: AGREEMENTS[a.agreement], allegedBy: 'minusma', allegedParties: a.parties, note: '', incidentDate: incident.facts.occurredOn };
        return this.review(reviewId, initialReviewState(), { type: 'ViolationAlleged', data });
      }
      case 'find': {
        const review = pick(this.reviews.filter((r) => r.state.status === 'open' || r.state.status === 'reopened'), a.review);
        if (!review) return;
        const responsibleParties = a.outcome === 'violation' ? a.responsible : [];
        const data = { reviewId: review.id, outcome: a.outcome, responsibleParties, provisions: ['art. 1'], verificationMission: null, note: '' };
        return this.review(review.id, review.state, { type: 'FindingRecorded', data });
      }
      case 'reopen': {
        const review = pick(this.reviews.filter((r) => r.state.status === 'decided'), a.review);
        if (!review) return;
        return this.review(review.id, review.state, { type: 'ReviewReopened', data: { reviewId: review.id, reason: 'new evidence' } });
      }
      case 'join': {
        const [actorId, coalitionId, from] = [ACTORS[a.actor], COALITIONS[a.coalition], dayOf(a.day)];
        // As the coalition's rules allow: after the group's earlier periods in that coalition ended.
        const earlier = this.memberships.filter((m) => m.actorId === actorId && m.coalitionId === coalitionId);
        if (earlier.some((m) => m.to === null || m.to > from)) return;
        const formed = this.memberships.some((m) => m.coalitionId === coalitionId);
        const events = [
          ...(formed ? [] : [event('CoalitionFormed', { coalitionId, name: coalitionId, shortName: coalitionId.toUpperCase(), note: '', citation: 'test' })]),
          event('CoalitionMemberJoined', { coalitionId, actorId, from }),
        ];
        await this.store.append(`coalition-${coalitionId}`, events, { expected: 'any' });
        this.memberships.push({ coalitionId, actorId, from, to: null });
        return;
      }
      case 'leave': {
        const membership = pick(this.memberships.filter((m) => m.to === null), a.membership);
        if (!membership) return;
        const on = new Date(Date.parse(membership.from) + a.days * 86_400_000).toISOString().slice(0, 10);
        const { coalitionId, actorId } = membership;
        await this.store.append(`coalition-${coalitionId}`, [event('CoalitionMemberLeft', { coalitionId, actorId, on })], { expected: 'any' });
        membership.to = on;
        return;
      }
    }
  }

  private async review(id: string, before: ReviewState, change: ReviewEvent) {
    // Domain event data is JSON by construction; its interfaces only lack the index signature.
    await this.store.append(`review-${id}`, [event(change.type, change.data as unknown as NewEvent['data'])], { expected: 'any' });
    const state = evolveReview(before, change);
    const known = this.reviews.find((r) => r.id === id);
    if (known) known.state = state;
    else this.reviews.push({ id, state });
  }

  /** The domain's report over everything so far. */
  report(filters: ViolationFilters) {
    const facts = new Map(this.incidents.map((i) => [i.id, i.facts]));
    const reviews = this.reviews.flatMap(({ state }) => (state.status === 'unopened' ? [] : [{ review: state, incident: facts.get(state.allegation.incidentId)! }]));
    return countViolationsByGroup(reviews, this.memberships, filters);
  }
}

describe('the violations-by-group report', () => {
  let store: EventStore;
  let db: DataSource;

  beforeAll(async () => {
    const url = await freshDatabaseUrl('violations');
    store = await createPostgresEventStore({ connectionString: url });
    db = readModelDataSource(url);
    await db.initialize();
    await migrateReadModels(db);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await store?.close();
  });

  const answered = async (f: ViolationFilters) => {
    const query = violationsByGroupSql(f);
    const rows: Record<string, unknown>[] = query ? await db.query(query.sql, query.params) : [];
    // No actors or coalitions projected here: a group's name is its id.
    return rows.map(({ groupName, killedInConfirmed, ...row }) => {
      expect(groupName).toBe(row.group);
      return { ...row, killedInConfirmed: Number(killedInConfirmed) };
    });
  };

  it('in SQL equals the domain’s counting rules, for any history of reviews, incidents and coalitions', async () => {
    const world = new World(store);
    let checked = 0;
    let rowsSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), fc.array(filters, { minLength: 3, maxLength: 6 }), async (actions, periods) => {
        for (const a of actions) await world.apply(a);
        await runProjection(store, db, reviewProjection, { batchSize: 7 });
        for (const f of [{}, { rollup: 'coalition' as const }, ...periods]) {
          const expected = world.report(f);
          expect(await answered(f)).toEqual(expected);
          checked++;
          rowsSeen += expected.length;
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
    // The runs built up a record worth comparing: every column and both roll-ups met.
    const everything = [...world.report({}), ...world.report({ rollup: 'coalition' })];
    for (const column of ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive', 'killedInConfirmed'] as const) {
      expect(everything.some((row) => row[column] > 0)).toBe(true);
    }
    expect(everything.some((row) => row.groupKind === 'coalition')).toBe(true);
    expect(checked).toBeGreaterThan(150);
    expect(rowsSeen).toBeGreaterThan(300);
  }, 300_000);
});
