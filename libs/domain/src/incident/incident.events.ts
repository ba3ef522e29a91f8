import type { IncidentDetails, Retraction } from './incident.js';
import type { IncidentEvidence } from './incident.evidence.js';
import type { VerificationLevel } from './incident.taxonomy.js';

/** Stored event types are never renamed or reshaped: a new shape is a new type. */
export type IncidentReported = {
  type: 'IncidentReported';
  data: { incidentId: string } & IncidentDetails;
  /** As recorded: who reported it (the store keeps it with every event). */
  metadata?: { userId: string };
};

/** Only the fields that changed, with their new values, and why. */
export type IncidentAmended = {
  type: 'IncidentAmended';
  data: { incidentId: string; changes: Partial<IncidentDetails>; reason: string };
};

export type IncidentVerificationChanged = {
  type: 'IncidentVerificationChanged';
  data: { incidentId: string; from: VerificationLevel; to: VerificationLevel; note: string };
};

export type IncidentRetracted = {
  type: 'IncidentRetracted';
  data: { incidentId: string } & Retraction;
};

/**
 * A source was forgotten: its reference was stored encrypted under its own key, and that key
 * is deleted, so the reference is unreadable everywhere while this fact stays on the record.
 */
export type IncidentSourceErased = {
  type: 'IncidentSourceErased';
  data: { incidentId: string; sourceId: string };
};

/**
 * A file was attached as evidence: its bytes are kept outside the events, encrypted under its own
 * key; the event keeps the original's SHA-256, and the kept copy's when its metadata was removed.
 */
export type EvidenceAttached = {
  type: 'EvidenceAttached';
  data: { incidentId: string } & Omit<IncidentEvidence, 'erased'>;
};

/** A file's key and bytes were deleted: it can never be read again, while its attachment stays on the record. */
export type EvidenceErased = {
  type: 'EvidenceErased';
  data: { incidentId: string; evidenceId: string };
};

export type IncidentEvent =
  | IncidentReported
  | IncidentAmended
  | IncidentVerificationChanged
  | IncidentRetracted
  | IncidentSourceErased
  | EvidenceAttached
  | EvidenceErased;

export const INCIDENT_EVENT_TYPES: readonly IncidentEvent['type'][] = [
  'IncidentReported',
  'IncidentAmended',
  'IncidentVerificationChanged',
  'IncidentRetracted',
  'IncidentSourceErased',
  'EvidenceAttached',
  'EvidenceErased',
];

export function isIncidentEvent(event: { type: string }): event is IncidentEvent {
  return (INCIDENT_EVENT_TYPES as readonly string[]).includes(event.type);
}
