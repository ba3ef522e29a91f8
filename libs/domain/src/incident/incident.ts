import type {
  ActorRole,
  GeoPrecision,
  IncidentSubType,
  IncidentType,
  SourceKind,
  SourceReliability,
  Side,
  Target,
  ExternalDataset,
  TimePrecision,
  VerificationLevel,
  RetractionReason,
} from './incident.taxonomy.js';
import type { IncidentEvidence } from './incident.evidence.js';

export interface IncidentLocation {
  lat: number;
  lon: number;
  place: string;
  /** First-order administrative region as it was then (e.g. Kidal, Gao). */
  admin1: string;
  /** Second- and third-order regions, as datasets give them (ACLED admin2/admin3, UCDP adm_2). */
  admin2?: string;
  admin3?: string;
  precision: GeoPrecision;
}

export interface IncidentActor {
  actorId: string;
  role: ActorRole;
  /** Only for `associated`: the main side the actor stands with. */
  with?: Side;
}

/**
 * `null`: no figure (unknown), which is not 0. Events recorded before imports always carry
 * numbers, so every old event is still a valid record.
 */
export interface Harm {
  killed: number | null;
  injured: number | null;
  abducted: number | null;
  /** A dataset's low and high estimates of the killed around `killed` as its best (UCDP GED). */
  killedRange?: { low: number; high: number };
}

/** The record of a public dataset an incident was imported from: `{ dataset: 'acled', id: 'MLI858', version }`. */
export interface ExternalReference {
  dataset: ExternalDataset;
  id: string;
  /** The dataset's own version of the row (ACLED's timestamp, UCDP's release), as text. */
  version: string;
}

/** How an external reference reads in a filter and a read-model column: `acled:MLI858`. */
export const externalKey = (ref: Pick<ExternalReference, 'dataset' | 'id'>) => `${ref.dataset}:${ref.id}`;

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
  /** Required when a monitor reports; may be empty on a record imported from a dataset (see `externalRefs`). */
  description: string;
  sources: IncidentSource[];
  /** The dataset records this incident was imported from; absent on the mission's own reports. */
  externalRefs?: ExternalReference[];
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
  'externalRefs',
] as const satisfies readonly (keyof IncidentDetails)[];

export interface Retraction {
  reason: RetractionReason;
  duplicateOf?: string;
  note: string;
}

/** `evidence`: the files attached, in order (absent on records projected before evidence existed). */
export type IncidentState =
  | { status: 'unreported' }
  | { status: 'active'; id: string; details: IncidentDetails; verification: VerificationLevel; reportedBy?: string; evidence?: IncidentEvidence[] }
  | {
      status: 'retracted';
      id: string;
      details: IncidentDetails;
      verification: VerificationLevel;
      reportedBy?: string;
      evidence?: IncidentEvidence[];
      retraction: Retraction;
    };

/** Lower-cased: two spellings of one UUID must never be two streams. */
export const incidentStreamId = (incidentId: string) => `incident-${incidentId.toLowerCase()}`;
export const INCIDENT_STREAM_PREFIX = 'incident-';
