import type { IncidentDetails } from '../../../libs/domain/src/incident/incident.js';
import { diffAmendment, type FieldChange } from '../../../libs/domain/src/incident/incident.diff.js';

// Folds an incident's events into readable entries: an amendment stores only the new values,
// so the old ones come from folding the events before it. Pure (no DOM): unit-tested in Node.

export interface HistoryEvent {
  type: 'IncidentReported' | 'IncidentAmended' | 'IncidentVerificationChanged' | 'IncidentRetracted' | 'IncidentSourceErased' | 'EvidenceAttached' | 'EvidenceErased';
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  data: Record<string, unknown>;
}

export type { FieldChange };

export type HistoryEntry = { version: number; at: string; by: string } & (
  | { kind: 'reported' }
  | { kind: 'amended'; changes: FieldChange[]; reason: string }
  | { kind: 'verification'; from: string; to: string; note: string }
  | { kind: 'retracted'; reason: string; duplicateOf?: string; note: string }
  | { kind: 'sourceErased'; sourceId: string }
  | { kind: 'evidenceAttached'; evidenceId: string; mediaType: string; size: number; sha256: string; caption: string }
  | { kind: 'evidenceErased'; evidenceId: string }
);

/** Events of types this app does not know (a newer server) are left out. */
export function foldHistory(events: HistoryEvent[]): HistoryEntry[] {
  let details: Partial<IncidentDetails> = {};
  return [...events]
    .sort((a, b) => a.version - b.version)
    .flatMap((event): HistoryEntry[] => {
      const base = { version: event.version, at: event.recordedAt, by: event.recordedBy };
      const data = event.data;
      switch (event.type) {
        case 'IncidentReported': {
          const { incidentId: _id, ...reported } = data;
          details = reported as Partial<IncidentDetails>;
          return [{ ...base, kind: 'reported' }];
        }
        case 'IncidentAmended': {
          const changes = (data.changes ?? {}) as Partial<IncidentDetails>;
          const entry = { ...base, kind: 'amended' as const, changes: diffAmendment(details, changes), reason: String(data.reason ?? event.reason ?? '') };
          details = { ...details, ...changes };
          return [entry];
        }
        case 'IncidentVerificationChanged':
          return [{ ...base, kind: 'verification', from: String(data.from), to: String(data.to), note: String(data.note ?? '') }];
        case 'IncidentRetracted':
          return [{ ...base, kind: 'retracted', reason: String(data.reason), note: String(data.note ?? ''), ...(data.duplicateOf ? { duplicateOf: String(data.duplicateOf) } : {}) }];
        case 'IncidentSourceErased':
          return [{ ...base, kind: 'sourceErased', sourceId: String(data.sourceId) }];
        case 'EvidenceAttached':
          return [{
            ...base,
            kind: 'evidenceAttached',
            evidenceId: String(data.evidenceId),
            mediaType: String(data.mediaType),
            size: Number(data.size),
            sha256: String(data.sha256),
            caption: String(data.caption ?? ''),
          }];
        case 'EvidenceErased':
          return [{ ...base, kind: 'evidenceErased', evidenceId: String(data.evidenceId) }];
        default:
          return [];
      }
    });
}
