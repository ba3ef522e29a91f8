import type { IncidentDetails, IncidentState } from './incident.js';

/** One changed field of an incident's record, e.g. `harm.killed: 2 → 3`. */
export interface FieldChange {
  /** A dotted path into the record: `harm.killed`, `location.lat`, `verification`, `actors`. */
  field: string;
  /** Absent when the field did not exist (e.g. the incident was not yet reported). */
  before?: unknown;
  after?: unknown;
}

/**
 * The one field diff of an incident's record, used by the API's diff, the timeline's summaries
 * and the web app's history: objects (location, harm, retraction) are compared key by key,
 * lists (actors, targets, sources) as a whole, in the record's reading order.
 */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const [a, b] = [leaves(before), leaves(after)];
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(field), b.get(field)];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ field, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
  }
  return changes.sort((p, q) => fieldOrder(p.field) - fieldOrder(q.field) || p.field.localeCompare(q.field));
}

/** What an amendment changed: only the fields it names, in the order it names them, against the record before it. */
export function diffAmendment(before: Partial<IncidentDetails>, changes: Partial<IncidentDetails>): FieldChange[] {
  const fields = Object.keys(changes) as (keyof IncidentDetails)[];
  const named = (change: FieldChange) => fields.indexOf(change.field.split('.')[0] as keyof IncidentDetails);
  return diffRecords(Object.fromEntries(fields.map((f) => [f, before[f]])), changes).sort((p, q) => named(p) - named(q));
}

/** What changed in the record between two states; status, verification and retraction count as fields. */
export function diffIncidentStates(before: IncidentState, after: IncidentState): FieldChange[] {
  return diffRecords(comparable(before), comparable(after));
}

/** The paths of the fields that differ, e.g. to highlight what the record says differently today. */
export const changedFields = (before: IncidentState, after: IncidentState): string[] => diffIncidentStates(before, after).map((c) => c.field);

const ORDER = ['status', 'verification', 'retraction', 'occurredAt', 'timePrecision', 'location', 'type', 'subType', 'actors', 'targets', 'harm', 'description', 'sources'];
const fieldOrder = (field: string) => {
  const index = ORDER.indexOf(field.split('.')[0]);
  return index === -1 ? ORDER.length : index;
};

function comparable(state: IncidentState): Record<string, unknown> {
  if (state.status === 'unreported') return {};
  return { status: state.status, verification: state.verification, ...state.details, ...(state.status === 'retracted' ? { retraction: state.retraction } : {}) };
}

function leaves(value: Record<string, unknown>, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v)) leaves(v as Record<string, unknown>, path, into);
    else into.set(path, v);
  }
  return into;
}
