export const FINDING_OUTCOMES = ['violation', 'no_violation', 'inconclusive'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

export const REVIEW_STATUSES = ['open', 'decided', 'reopened'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What was alleged, against which agreement, and the incident's day the rules checked. */
export interface Allegation {
  incidentId: string;
  agreementId: string;
  /** Who brought the allegation: a party (actor id) or a body, e.g. `minusma`, `ctms`. */
  allegedBy: string;
  allegedParties: string[];
  note: string;
  /** The incident's day (YYYY-MM-DD) when alleged. */
  incidentDate: string;
}

/** The mechanism's finding about the allegation. */
export interface Finding {
  outcome: FindingOutcome;
  /** Only for a violation: the parties held responsible. */
  responsibleParties: string[];
  /** The agreement's provisions at stake, e.g. `art. 6`. */
  provisions: string[];
  /** Reference of the on-site team (joint observation and verification team), when one went. */
  verificationMission: string | null;
  note: string;
  /** Responsible parties that did not sign the agreement, and why they are held to it. */
  nonSignatory?: { parties: string[]; reason: string };
}

export type ReviewState =
  | { status: 'unopened' }
  | { status: 'open'; id: string; allegation: Allegation }
  | { status: 'decided'; id: string; allegation: Allegation; finding: Finding }
  | { status: 'reopened'; id: string; allegation: Allegation; finding: Finding; reopenReason: string };

/** What the handler found in the other streams for a decision about a review. */
export type IncidentFacts = { status: 'unreported' } | { status: 'active' | 'retracted'; occurredAt: string };
export type AgreementFacts = { status: 'unsigned' } | { status: 'signed'; inForceFrom: string; parties: string[] };

export const REVIEW_STREAM_PREFIX = 'review-';
/** Lower-cased: two spellings of one UUID must never be two streams. */
export const reviewStreamId = (reviewId: string) => `${REVIEW_STREAM_PREFIX}${reviewId.toLowerCase()}`;
