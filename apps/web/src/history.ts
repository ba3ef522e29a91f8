import type { IncidentDetails } from '../../../libs/domain/src/incident/incident.js';

// Folds an incident's events into readable entries: an amendment stores only the new values,
// so the old ones come from folding the events before it. Pure (no DOM): unit-tested in Node.

export interface HistoryEvent {
  type: 'IncidentReported' | 'IncidentAmended' | 'IncidentVerificationChanged' | 'IncidentRetracted' | 'IncidentSourceErased';
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason?: string;
  data: Record<string, unknown>;
}

/** One changed field, e.g. `harm.killed: 2 → 3`. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type HistoryEntry = { version: number; at: string; by: string } & (
  | { kind: 'reported' }
  | { kind: 'amended'; changes: FieldChange[]; reason: string }
  | { kind: 'verification'; from: string; to: string; note: string }
  | { kind: 'retracted'; reason: string; duplicateOf?: string; note: string }
  | { kind: 'sourceErased'; sourceId: string }
);

/** Objects are compared field by field (location.place, harm.killed); lists as a whole. */
const NESTED = new Set(['location', 'harm']);

function leaves(field: string, value: unknown): [string, unknown][] {
  if (NESTED.has(field) && value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([key, v]) => [`${field}.${key}`, v]);
  }
  return [[field, value]];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffDetails(before: Partial<IncidentDetails>, changes: Partial<IncidentDetails>): FieldChange[] {
  return Object.entries(changes).flatMap(([field, after]) => {
    const old = new Map(leaves(field, before[field as keyof IncidentDetails]));
    const fresh = leaves(field, after);
    // A nested object given whole may drop a sub-field: it changed to nothing.
    const gone = [...old.keys()].filter((key) => !fresh.some(([f]) => f === key)).map((key): [string, unknown] => [key, undefined]);
    return [...fresh, ...gone]
      .filter(([key, value]) => !same(old.get(key), value))
      .map(([key, value]) => ({ field: key, before: old.get(key), after: value }));
  });
}

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
          const entry = { ...base, kind: 'amended' as const, changes: diffDetails(details, changes), reason: String(data.reason ?? event.reason ?? '') };
          details = { ...details, ...changes };
          return [entry];
        }
        case 'IncidentVerificationChanged':
          return [{ ...base, kind: 'verification', from: String(data.from), to: String(data.to), note: String(data.note ?? '') }];
        case 'IncidentRetracted':
          return [{ ...base, kind: 'retracted', reason: String(data.reason), note: String(data.note ?? ''), ...(data.duplicateOf ? { duplicateOf: String(data.duplicateOf) } : {}) }];
        case 'IncidentSourceErased':
          return [{ ...base, kind: 'sourceErased', sourceId: String(data.sourceId) }];
        default:
          return [];
      }
    });
}
