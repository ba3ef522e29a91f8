import { partyViolationFlags, type ReviewedIncident } from '#domain';
import type { OpenedReview } from '../reviews/review.entity.js';
import { ViolationPartyRow } from './violation-party.entity.js';

/** The report's rows for one review: a row per party alleged or held responsible, flagged by the domain's rule. */
export function violationPartiesOf(review: OpenedReview, incident: ReviewedIncident): ViolationPartyRow[] {
  const { allegation } = review;
  return partyViolationFlags(review).map(({ party, ...flags }) =>
    Object.assign(new ViolationPartyRow(), {
      reviewId: review.id,
      party,
      incidentId: allegation.incidentId,
      agreementId: allegation.agreementId,
      occurredOn: incident.occurredOn,
      killed: incident.killed,
      ...flags,
      incidentRetracted: incident.retracted,
    }),
  );
}
