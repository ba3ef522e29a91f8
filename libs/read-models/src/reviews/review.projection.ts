import {
  COALITION_STREAM_PREFIX,
  INCIDENT_STREAM_PREFIX,
  REVIEW_STREAM_PREFIX,
  dayOf,
  evolveReview,
  initialReviewState,
  isCoalitionEvent,
  isReviewEvent,
  type CoalitionEvent,
  type IncidentEvent,
  type ReviewEvent,
  type ReviewState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { In, type EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { ViolationPartyRow } from '../violations/violation-party.entity.js';
import { violationPartiesOf, type IncidentFactsRow } from '../violations/violation-parties.js';
import { ReviewRow, type OpenedReview } from './review.entity.js';

/**
 * Violation reviews and the violations-by-group rows, from the review, incident and coalition
 * streams: a review row carries what is known now of its incident (day, dead, retracted), so an
 * amended or retracted incident updates its reviews. Reviews are folded with the domain's own
 * `evolve`; a touched review's `violation_parties` rows (the actor roll-up) are rewritten from its
 * state, and its `violation_coalition_cells` (the coalition roll-up) from those rows and the
 * projection's own copy of the memberships — also when the incident's day or a membership changes.
 * `violation_month_totals` sums both per month, kept in step by taking a review's cells out before
 * they change and adding them back after.
 */
export const reviewProjection: Projection & { tables: readonly string[] } = {
  name: 'reviews',
  streamPrefixes: [INCIDENT_STREAM_PREFIX, REVIEW_STREAM_PREFIX, COALITION_STREAM_PREFIX],
  tables: ['review_incidents', 'reviews', 'violation_parties', 'review_memberships', 'violation_coalition_cells', 'violation_month_totals'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const incidentEvents = events.filter(isIncidentFactEvent);
    const reviewEvents = events.filter((e): e is RecordedEvent & ReviewEvent => isReviewEvent(e));
    const incidentIds = [...new Set(incidentEvents.map((e) => e.data.incidentId))];
    const reviewIds = [...new Set(reviewEvents.map((e) => e.data.reviewId))];

    const facts = new Map<string, IncidentFactsRow>();
    if (incidentIds.length) {
      for (const row of await readFacts(manager, incidentIds)) facts.set(row.incidentId, row);
    }
    const stored = new Map(facts);
    const reviews = new Map<string, ReviewRow>();
    if (reviewIds.length) {
      for (const row of await manager.findBy(ReviewRow, { id: In(reviewIds) })) reviews.set(row.id, row);
    }

    const folded = new Map<string, { state: OpenedReview; row?: ReviewRow; last: RecordedEvent; first?: RecordedEvent }>();
    for (const event of events) {
      if (isIncidentFactEvent(event)) {
        const next = foldFacts(facts.get(event.data.incidentId), event);
        if (next) facts.set(event.data.incidentId, next);
      } else if (isReviewEvent(event)) {
        const id = event.data.reviewId;
        const earlier = folded.get(id);
        const before: ReviewState = earlier?.state ?? reviews.get(id)?.record ?? initialReviewState();
        const state = evolveReview(before, event);
        if (state.status === 'unopened') continue;
        folded.set(id, { state, row: reviews.get(id), last: event, first: earlier?.first ?? (before.status === 'unopened' ? event : undefined) });
      }
    }

    // The reviews whose cells this batch changes: its own, those of incidents whose day, dead or
    // retraction changed, and those naming a group whose memberships changed. Their month totals
    // are taken out before their cells change, and put back after.
    const membershipEvents = events.filter((e): e is RecordedEvent & CoalitionEvent => e.streamId.startsWith(COALITION_STREAM_PREFIX) && isCoalitionEvent(e));
    const movedActors = [...new Set(membershipEvents.flatMap((e) => (e.type === 'CoalitionFormed' ? [] : [e.data.actorId])))];
    const changedIncidents = incidentIds.filter((id) => {
      const [before, after] = [stored.get(id), facts.get(id)];
      return before && after && (before.occurredOn !== after.occurredOn || before.killed !== after.killed || before.retracted !== after.retracted);
    });
    const recount = new Set(folded.keys());
    for (const [column, values, type] of [['incident_id', changedIncidents, 'uuid'], ['party', movedActors, 'text']] as const) {
      if (!values.length) continue;
      const rows: { review_id: string }[] = await manager.query(`SELECT DISTINCT review_id FROM violation_parties WHERE ${column} = ANY($1::${type}[])`, [values]);
      for (const { review_id } of rows) recount.add(review_id);
    }
    const recounted = [...recount];
    if (recounted.length) await addMonthTotals(manager, recounted, -1);

    await applyMemberships(manager, membershipEvents);

    if (incidentIds.length) {
      const known = incidentIds.filter((id) => facts.has(id));
      const rows = known.map((id) => facts.get(id)!);
      // Arrays, one per column: every incident event passes here, and one statement takes a batch.
      await manager.query(
        `INSERT INTO review_incidents (incident_id, occurred_on, killed, retracted)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[], $4::boolean[])
         ON CONFLICT (incident_id) DO UPDATE SET occurred_on = excluded.occurred_on, killed = excluded.killed, retracted = excluded.retracted`,
        [known, rows.map((f) => f.occurredOn), rows.map((f) => f.killed), rows.map((f) => f.retracted)],
      );
    }

    if (folded.size) {
      const missing = [...folded.values()].map(({ state }) => state.allegation.incidentId).filter((id) => !facts.has(id));
      if (missing.length) {
        for (const row of await readFacts(manager, [...new Set(missing)])) facts.set(row.incidentId, row);
      }
      const rows: ReviewRow[] = [];
      const parties: ViolationPartyRow[] = [];
      for (const { state, row, last, first } of folded.values()) {
        // An allegation is only accepted for a reported incident, so its facts are known; the
        // allegation's own day stands in should the incident's streams be missing from the store.
        const incident = facts.get(state.allegation.incidentId) ?? { occurredOn: state.allegation.incidentDate, killed: 0, retracted: false };
        rows.push(reviewRow(state, incident, last, row, first));
        parties.push(...violationPartiesOf(state, incident));
      }
      await manager.upsert(ReviewRow, rows, ['id']);
      await manager.delete(ViolationPartyRow, { reviewId: In(rows.map((r) => r.id)) });
      if (parties.length) await manager.insert(ViolationPartyRow, parties);
    }

    // Reviews not touched by this batch whose incident changed: bring their incident facts up to date.
    if (changedIncidents.length) {
      await manager.query(
        `UPDATE reviews r SET incident_occurred_on = f.occurred_on, incident_killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f WHERE r.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])`,
        [changedIncidents],
      );
      await manager.query(
        `UPDATE violation_parties v SET occurred_on = f.occurred_on, killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f WHERE v.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])`,
        [changedIncidents],
      );
    }
    if (recounted.length) {
      await rewriteCoalitionCells(manager, recounted);
      await addMonthTotals(manager, recounted, 1);
      await manager.query(
        `DELETE FROM violation_month_totals
         WHERE alleged = 0 AND under_review = 0 AND confirmed = 0 AND dismissed = 0 AND inconclusive = 0 AND killed_in_confirmed = 0`,
      );
    }
  },
};

/** Memberships in event order: a join opens a period, a departure closes the open one. */
async function applyMemberships(manager: EntityManager, events: (RecordedEvent & CoalitionEvent)[]) {
  for (const event of events) {
    if (event.type === 'CoalitionMemberJoined') {
      const { coalitionId, actorId, from } = event.data;
      await manager.query('INSERT INTO review_memberships (coalition_id, actor_id, from_date, to_date) VALUES ($1, $2, $3, NULL) ON CONFLICT DO NOTHING', [
        coalitionId,
        actorId,
        from,
      ]);
    } else if (event.type === 'CoalitionMemberLeft') {
      const { coalitionId, actorId, on } = event.data;
      await manager.query('UPDATE review_memberships SET to_date = $3 WHERE coalition_id = $1 AND actor_id = $2 AND to_date IS NULL', [coalitionId, actorId, on]);
    }
  }
}

/**
 * The coalition roll-up's rows of these reviews, from their `violation_parties` rows: each party
 * in the coalition it belonged to on the incident's day (or standing alone), the flags of a
 * group's members merged.
 */
async function rewriteCoalitionCells(manager: EntityManager, reviewIds: string[]) {
  for (let i = 0; i < reviewIds.length; i += 5000) {
    const ids = reviewIds.slice(i, i + 5000);
    await manager.query('DELETE FROM violation_coalition_cells WHERE review_id = ANY($1::uuid[])', [ids]);
    await manager.query(
      `INSERT INTO violation_coalition_cells
         (review_id, grp, grp_kind, members, incident_id, agreement_id, occurred_on, killed, alleged, under_review, confirmed, dismissed, inconclusive)
       SELECT v.review_id, coalesce(m.coalition_id, v.party), CASE WHEN m.coalition_id IS NULL THEN 'actor' ELSE 'coalition' END,
              array_agg(v.party ORDER BY v.party), v.incident_id, v.agreement_id, v.occurred_on, v.killed,
              bool_or(v.alleged), bool_or(v.under_review), bool_or(v.confirmed), bool_or(v.dismissed) AND NOT bool_or(v.confirmed), bool_or(v.inconclusive)
       FROM violation_parties v
       LEFT JOIN review_memberships m ON m.actor_id = v.party AND m.from_date <= v.occurred_on AND (m.to_date IS NULL OR v.occurred_on < m.to_date)
       WHERE v.review_id = ANY($1::uuid[])
       GROUP BY v.review_id, 2, 3, v.incident_id, v.agreement_id, v.occurred_on, v.killed`,
      [ids],
    );
  }
}

const COUNTS = (sign: number, flags: string) =>
  `${sign} * count(*) FILTER (WHERE ${flags}.alleged), ${sign} * count(*) FILTER (WHERE ${flags}.under_review),
   ${sign} * count(*) FILTER (WHERE ${flags}.confirmed), ${sign} * count(*) FILTER (WHERE ${flags}.dismissed),
   ${sign} * count(*) FILTER (WHERE ${flags}.inconclusive), ${sign} * coalesce(sum(${flags}.killed) FILTER (WHERE ${flags}.confirmed), 0)`;

/** Adds (sign 1) or takes out (sign -1) these reviews' cells from the month totals of both roll-ups. */
async function addMonthTotals(manager: EntityManager, reviewIds: string[], sign: 1 | -1) {
  const upsert = `ON CONFLICT (rollup, agreement_id, month, grp_kind, grp) DO UPDATE SET
      alleged = t.alleged + excluded.alleged, under_review = t.under_review + excluded.under_review,
      confirmed = t.confirmed + excluded.confirmed, dismissed = t.dismissed + excluded.dismissed,
      inconclusive = t.inconclusive + excluded.inconclusive, killed_in_confirmed = t.killed_in_confirmed + excluded.killed_in_confirmed`;
  const columns = '(rollup, agreement_id, month, grp_kind, grp, alleged, under_review, confirmed, dismissed, inconclusive, killed_in_confirmed)';
  for (let i = 0; i < reviewIds.length; i += 5000) {
    const ids = reviewIds.slice(i, i + 5000);
    await manager.query(
      `INSERT INTO violation_month_totals AS t ${columns}
       SELECT 'actor', v.agreement_id, date_trunc('month', v.occurred_on)::date, 'actor', v.party, ${COUNTS(sign, 'v')}
       FROM violation_parties v WHERE v.review_id = ANY($1::uuid[]) GROUP BY 2, 3, 5
       ${upsert}`,
      [ids],
    );
    await manager.query(
      `INSERT INTO violation_month_totals AS t ${columns}
       SELECT 'coalition', c.agreement_id, date_trunc('month', c.occurred_on)::date, c.grp_kind, c.grp, ${COUNTS(sign, 'c')}
       FROM violation_coalition_cells c WHERE c.review_id = ANY($1::uuid[]) GROUP BY 2, 3, 4, 5
       ${upsert}`,
      [ids],
    );
  }
}

type IncidentFactEvent = Extract<IncidentEvent, { type: 'IncidentReported' | 'IncidentAmended' | 'IncidentRetracted' }>;

/** The incident events that change what a review knows of its incident (day, dead, retraction). */
function isIncidentFactEvent(event: RecordedEvent): event is RecordedEvent & IncidentFactEvent {
  return event.streamId.startsWith(INCIDENT_STREAM_PREFIX) && ['IncidentReported', 'IncidentAmended', 'IncidentRetracted'].includes(event.type);
}

function foldFacts(facts: IncidentFactsRow | undefined, event: IncidentFactEvent): IncidentFactsRow | undefined {
  switch (event.type) {
    case 'IncidentReported':
      return { occurredOn: dayOf(event.data.occurredAt), killed: event.data.harm.killed, retracted: false };
    case 'IncidentAmended': {
      if (!facts) return facts;
      const { occurredAt, harm } = event.data.changes;
      return { ...facts, ...(occurredAt ? { occurredOn: dayOf(occurredAt) } : {}), ...(harm ? { killed: harm.killed } : {}) };
    }
    case 'IncidentRetracted':
      return facts && { ...facts, retracted: true };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The facts kept of these incidents. */
function readFacts(manager: EntityManager, incidentIds: string[]): Promise<(IncidentFactsRow & { incidentId: string })[]> {
  return manager.query(
    'SELECT incident_id AS "incidentId", occurred_on::text AS "occurredOn", killed, retracted FROM review_incidents WHERE incident_id = ANY($1::uuid[])',
    [incidentIds],
  );
}

function reviewRow(state: OpenedReview, incident: IncidentFactsRow, last: RecordedEvent, row: ReviewRow | undefined, first: RecordedEvent | undefined): ReviewRow {
  const { allegation } = state;
  const finding = state.status === 'open' ? undefined : state.finding;
  const responsible = state.status === 'decided' && finding?.outcome === 'violation' ? finding.responsibleParties : [];
  return Object.assign(new ReviewRow(), {
    id: state.id,
    version: last.version,
    incidentId: allegation.incidentId,
    agreementId: allegation.agreementId,
    status: state.status,
    outcome: finding?.outcome ?? null,
    allegedBy: allegation.allegedBy,
    allegedParties: allegation.allegedParties,
    responsibleParties: responsible,
    parties: [...new Set([...allegation.allegedParties, ...responsible])],
    incidentOccurredOn: incident.occurredOn,
    incidentKilled: incident.killed,
    incidentRetracted: incident.retracted,
    record: state,
    allegedAt: row?.allegedAt ?? first?.recordedAt ?? last.recordedAt,
    allegedByUser: row?.allegedByUser ?? first?.metadata.userId ?? last.metadata.userId,
    lastChangedAt: last.recordedAt,
    lastChangedBy: last.metadata.userId,
    position: last.position,
  });
}
