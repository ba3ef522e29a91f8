import type { OpenedReview } from '../reviews/review.entity.js';
import { ViolationPartyRow } from './violation-party.entity.js';

export interface IncidentFactsRow {
  occurredOn: string;
  killed: number | null;
  retracted: boolean;
}

/** The report's rows for one review: a row per party alleged or held responsible (see ViolationPartyRow). */
export function violationPartiesOf(review: OpenedReview, incident: IncidentFactsRow): ViolationPartyRow[] {
  const { allegation } = review;
  const awaiting = review.status === 'open' || review.status === 'reopened';
  const finding = review.status === 'decided' ? review.finding : undefined;
  const responsible = finding?.outcome === 'violation' ? finding.responsibleParties : [];
  const parties = [...new Set([...allegation.allegedParties, ...responsible])];
  return parties.map((party) => {
    const alleged = allegation.allegedParties.includes(party);
    const confirmed = responsible.includes(party);
    return Object.assign(new ViolationPartyRow(), {
      reviewId: review.id,
      party,
      incidentId: allegation.incidentId,
      agreementId: allegation.agreementId,
      occurredOn: incident.occurredOn,
      killed: incident.killed,
      alleged,
      underReview: alleged && awaiting,
      confirmed,
      dismissed: alleged && !!finding && !confirmed && finding.outcome !== 'inconclusive',
      inconclusive: alleged && finding?.outcome === 'inconclusive',
      incidentRetracted: incident.retracted,
    });
  });
}
