import type {
  ActorRole,
  GeoPrecision,
  IncidentSubType,
  IncidentType,
  SourceKind,
  SourceReliability,
  Target,
  TimePrecision,
  VerificationLevel,
  RetractionReason,
} from './incident.taxonomy.js';

export interface IncidentLocation {
  lat: number;
  lon: number;
  place: string;
  /** First-order administrative region as it was then (e.g. Kidal, Gao). */
  admin1: string;
  precision: GeoPrecision;
}

export interface IncidentActor {
  actorId: string;
  role: ActorRole;
}

export interface Harm {
  killed: number;
  injured: number;
  abducted: number;
}

export interface IncidentSource {
  id: string;
  kind: SourceKind;
  /** Citation or contact reference. */
  reference: string;
  reliability: SourceReliability;
  confidential: boolean;
  /** Set once the source has been forgotten: its reference is gone for good. */
  erased?: boolean;
}

/** What a forgotten source's reference reads as. */
export const ERASED_REFERENCE = '[erased]';

/** What a confidential source's reference reads as to those who may not read it. */
export const CONFIDENTIAL_REFERENCE = '[confidential]';

/** What a monitor reports and may later amend. */
export interface IncidentDetails {
  /** `YYYY-MM-DD` or an ISO date-time with offset. */
  occurredAt: string;
  timePrecision: TimePrecision;
  location: IncidentLocation;
  type: IncidentType;
  subType: IncidentSubType;
  targets: Target[];
  actors: IncidentActor[];
  harm: Harm;
  description: string;
  sources: IncidentSource[];
}

export const AMENDABLE_FIELDS = [
  'occurredAt',
  'timePrecision',
  'location',
  'type',
  'subType',
  'targets',
  'actors',
  'harm',
  'description',
  'sources',
] as const satisfies readonly (keyof IncidentDetails)[];

export interface Retraction {
  reason: RetractionReason;
  duplicateOf?: string;
  note: string;
}

export type IncidentState =
  | { status: 'unreported' }
  | { status: 'active'; id: string; details: IncidentDetails; verification: VerificationLevel; reportedBy?: string }
  | { status: 'retracted'; id: string; details: IncidentDetails; verification: VerificationLevel; reportedBy?: string; retraction: Retraction };

/** Lower-cased: two spellings of one UUID must never be two streams. */
export const incidentStreamId = (incidentId: string) => `incident-${incidentId.toLowerCase()}`;
export const INCIDENT_STREAM_PREFIX = 'incident-';
