import type { AgreementFacts, FindingOutcome, IncidentFacts } from './review.js';

/** The facts the handler gathered from the incident's and the agreement's streams, and the actors. */
export interface ReviewFacts {
  incident: IncidentFacts;
  agreement: AgreementFacts;
  /** Actor ids named by the command that are not registered actors. */
  unknownActors: string[];
}

export type AllegeViolation = {
  type: 'AllegeViolation';
  data: { reviewId: string; incidentId: string; agreementId: string; allegedBy: string; allegedParties: string[]; note?: string } & ReviewFacts;
};

export type RecordFinding = {
  type: 'RecordFinding';
  data: {
    reviewId: string;
    outcome: FindingOutcome;
    responsibleParties: string[];
    provisions: string[];
    verificationMission?: string | null;
    note: string;
    /** Why responsible parties that did not sign the agreement are held to it. */
    nonSignatoryReason?: string;
  } & ReviewFacts;
};

export type ReopenReview = { type: 'ReopenReview'; data: { reviewId: string; reason: string } };

export type ReviewCommand = AllegeViolation | RecordFinding | ReopenReview;
