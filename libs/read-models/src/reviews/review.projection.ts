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
import { ReviewIncidentRow } from './review-incident.entity.js';
import { ReviewRow, type OpenedReview } from './review.entity.js';

/**
 * Violation reviews and the violations-by-group rows, from the review, incident and coalition
 * streams: a review row carries what is known now of its incident (day, dead, retracted), so an
 * amended or retracted incident updates its reviews. Reviews are folded with the domain's own
 * `evolve`; a touched review's `violation_parties` rows (the actor roll-up) are rewritten from its
 * state, and its `violation_coalition_cells` (the coalition roll-up) from those rows and the
 * projection's own copy of the memberships — also when the incident's day or a membership changes.
 */
export const reviewProjection: Projection & { tables: readonly string[] } = {
  name: 'reviews',
  streamPrefixes: [INCIDENT_STREAM_PREFIX, REVIEW_STREAM_PREFIX, COALITION_STREAM_PREFIX],
  tables: ['review_incidents', 'reviews', 'violation_parties', 'review_memberships', 'violation_coalition_cells'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const incidentEvents = events.filter(isIncidentFactEvent);
    const reviewEvents = events.filter((e): e is RecordedEvent & ReviewEvent => isReviewEvent(e));
    const incidentIds = [...new Set(incidentEvents.map((e) => e.data.incidentId))];
    const reviewIds = [...new Set(reviewEvents.map((e) => e.data.reviewId))];

    const facts = new Map<string, IncidentFactsRow>();
    if (incidentIds.length) {
      for (const row of await manager.findBy(ReviewIncidentRow, { incidentId: In(incidentIds) })) facts.set(row.incidentId, row);
    }
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

    const movedActors = await applyMemberships(
      manager,
      events.filter((e): e is RecordedEvent & CoalitionEvent => e.streamId.startsWith(COALITION_STREAM_PREFIX) && isCoalitionEvent(e)),
    );

    if (incidentIds.length) {
      const rows = incidentIds.flatMap((incidentId) => {
        const f = facts.get(incidentId);
        return f ? [Object.assign(new ReviewIncidentRow(), { incidentId, ...pickFacts(f) })] : [];
      });
      for (let i = 0; i < rows.length; i += 1000) await manager.upsert(ReviewIncidentRow, rows.slice(i, i + 1000), ['incidentId']);
    }

    if (folded.size) {
      const missing = [...folded.values()].map(({ state }) => state.allegation.incidentId).filter((id) => !facts.has(id));
      if (missing.length) {
        for (const row of await manager.findBy(ReviewIncidentRow, { incidentId: In([...new Set(missing)]) })) facts.set(row.incidentId, row);
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
    const recount = new Set(folded.keys());
    if (incidentIds.length) {
      await manager.query(
        `UPDATE reviews r SET incident_occurred_on = f.occurred_on, incident_killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f
         WHERE r.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])
           AND (r.incident_occurred_on, r.incident_killed, r.incident_retracted) IS DISTINCT FROM (f.occurred_on, f.killed, f.retracted)`,
        [incidentIds],
      );
      const [changed]: [{ review_id: string }[], number] = await manager.query(
        `UPDATE violation_parties v SET occurred_on = f.occurred_on, killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f
         WHERE v.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])
           AND (v.occurred_on, v.killed, v.incident_retracted) IS DISTINCT FROM (f.occurred_on, f.killed, f.retracted)
         RETURNING v.review_id`,
        [incidentIds],
      );
      for (const { review_id } of changed) recount.add(review_id);
    }
    if (movedActors.length) {
      const rows: { review_id: string }[] = await manager.query('SELECT DISTINCT review_id FROM violation_parties WHERE party = ANY($1::text[])', [movedActors]);
      for (const { review_id } of rows) recount.add(review_id);
    }
    if (recount.size) await rewriteCoalitionCells(manager, [...recount]);
  },
};

/** Memberships in event order: a join opens a period, a departure closes the open one. Returns the actors whose periods changed. */
async function applyMemberships(manager: EntityManager, events: (RecordedEvent & CoalitionEvent)[]): Promise<string[]> {
  const actors = new Set<string>();
  for (const event of events) {
    if (event.type === 'CoalitionMemberJoined') {
      const { coalitionId, actorId, from } = event.data;
      await manager.query('INSERT INTO review_memberships (coalition_id, actor_id, from_date, to_date) VALUES ($1, $2, $3, NULL) ON CONFLICT DO NOTHING', [
        coalitionId,
        actorId,
        from,
      ]);
      actors.add(actorId);
    } else if (event.type === 'CoalitionMemberLeft') {
      const { coalitionId, actorId, on } = event.data;
      await manager.query('UPDATE review_memberships SET to_date = $3 WHERE coalition_id = $1 AND actor_id = $2 AND to_date IS NULL', [coalitionId, actorId, on]);
      actors.add(actorId);
    }
  }
  return [...actors];
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

const pickFacts = ({ occurredOn, killed, retracted }: IncidentFactsRow): IncidentFactsRow => ({ occurredOn, killed, retracted });

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
