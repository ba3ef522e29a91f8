import type { Requester } from '../user/user.js';
import type { IncidentDetails } from './incident.js';
import type { IncidentEvidence } from './incident.evidence.js';
import type { RetractionReason, VerificationLevel } from './incident.taxonomy.js';

/** `unknownActors`: the actor ids named that are not registered actors, as the handler found them. */
export type ReportIncident = {
  type: 'ReportIncident';
  data: { incidentId: string; details: IncidentDetails; unknownActors: readonly string[] };
};

export type AmendIncident = {
  type: 'AmendIncident';
  data: { incidentId: string; changes: Partial<IncidentDetails>; reason: string; unknownActors: readonly string[] };
};

export type SetVerification = {
  type: 'SetVerification';
  data: { incidentId: string; level: VerificationLevel; note: string };
};

export type RetractIncident = {
  type: 'RetractIncident';
  data: {
    incidentId: string;
    reason: RetractionReason;
    note: string;
    /** The incident this one duplicates, as the handler found it in the store. */
    duplicateOf?: { incidentId: string; status: 'unreported' | 'active' | 'retracted' };
  };
};

export type EraseSource = {
  type: 'EraseSource';
  data: { incidentId: string; sourceId: string };
};

/**
 * A file to keep as evidence, as the handler read it: the media type its content shows
 * (`detectedType`, undefined when unknown) beside the one the client declared, whether its
 * metadata was asked removed (`strip`), and, when removed, the kept copy's hash and size.
 */
export type AttachEvidence = {
  type: 'AttachEvidence';
  data: {
    incidentId: string;
    evidenceId: string;
    declaredType: string | undefined;
    detectedType: string | undefined;
    sha256: string;
    size: number;
    caption: string;
    confidential: boolean;
    strip: boolean;
    stored?: { sha256: string; size: number };
  };
};

export type EraseEvidence = {
  type: 'EraseEvidence';
  data: { incidentId: string; evidenceId: string };
};

export type IncidentCommand = ReportIncident | AmendIncident | SetVerification | RetractIncident | EraseSource | AttachEvidence | EraseEvidence;

export type { IncidentEvidence };

/** What the deciders need from outside: the clock. */
export interface DecisionContext {
  now: Date;
}

/** The incident's rules also need who asks: monitors correct only their own reports. */
export interface IncidentDecisionContext extends DecisionContext {
  requester: Requester;
}
