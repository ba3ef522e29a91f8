import type { Requester } from '../user/user.js';
import type { IncidentDetails } from './incident.js';
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

export type IncidentCommand = ReportIncident | AmendIncident | SetVerification | RetractIncident | EraseSource;

/** What the deciders need from outside: the clock. */
export interface DecisionContext {
  now: Date;
}

/** The incident's rules also need who asks: monitors correct only their own reports. */
export interface IncidentDecisionContext extends DecisionContext {
  requester: Requester;
}
