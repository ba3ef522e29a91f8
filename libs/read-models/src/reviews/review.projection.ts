import {
  INCIDENT_STREAM_PREFIX,
  REVIEW_STREAM_PREFIX,
  dayOf,
  evolveReview,
  initialReviewState,
  isReviewEvent,
  type ReviewEvent,
  type IncidentEvent,
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
 * Violation reviews and the violations-by-group rows, from the review streams and the incident
 * streams: a review row carries what is known now of its incident (day, dead, retracted), so an
 * amended or retracted incident updates its reviews. Reviews are folded with the domain's own
 * `evolve`; a touched review's `violation_parties` rows are rewritten from its state.
 */
export const reviewProjection: Projection & { tables: readonly string[] } = {
  name: 'reviews',
  streamPrefixes: [INCIDENT_STREAM_PREFIX, REVIEW_STREAM_PREFIX],
  tables: ['review_incidents', 'reviews', 'violation_parties'],
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
    if (incidentIds.length) {
      await manager.query(
        `UPDATE reviews r SET incident_occurred_on = f.occurred_on, incident_killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f
         WHERE r.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])
           AND (r.incident_occurred_on, r.incident_killed, r.incident_retracted) IS DISTINCT FROM (f.occurred_on, f.killed, f.retracted)`,
        [incidentIds],
      );
      await manager.query(
        `UPDATE violation_parties v SET occurred_on = f.occurred_on, killed = f.killed, incident_retracted = f.retracted
         FROM review_incidents f
         WHERE v.incident_id = f.incident_id AND f.incident_id = ANY($1::uuid[])
           AND (v.occurred_on, v.killed, v.incident_retracted) IS DISTINCT FROM (f.occurred_on, f.killed, f.retracted)`,
        [incidentIds],
      );
    }
  },
};

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
