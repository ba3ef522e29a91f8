import type { IncidentState } from '#domain';
import type { JsonValue } from '#event-store';

export interface FieldChange {
  /** A dotted path into the record: `harm.killed`, `location.place`, `verification`, `actors`. */
  field: string;
  /** Absent when the field did not exist (e.g. the incident was not yet reported). */
  before?: JsonValue;
  after?: JsonValue;
}

/**
 * What changed in an incident's record between two states, field by field: objects are
 * compared key by key, lists (actors, targets, sources) as a whole. The incident's status,
 * verification level and retraction count as fields of the record.
 */
export function diffIncidentStates(before: IncidentState, after: IncidentState): FieldChange[] {
  const [a, b] = [flatten(comparable(before)), flatten(comparable(after))];
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const [x, y] = [a.get(field), b.get(field)];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ field, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
  }
  return changes.sort((p, q) => FIELD_ORDER(p.field) - FIELD_ORDER(q.field) || p.field.localeCompare(q.field));
}

/** The paths of the fields that differ, e.g. to highlight what the record says differently today. */
export function changedFields(before: IncidentState, after: IncidentState): string[] {
  return diffIncidentStates(before, after).map((change) => change.field);
}

const ORDER = ['status', 'verification', 'retraction', 'occurredAt', 'timePrecision', 'location', 'type', 'subType', 'actors', 'targets', 'harm', 'description', 'sources'];
const FIELD_ORDER = (field: string) => {
  const index = ORDER.indexOf(field.split('.')[0]);
  return index === -1 ? ORDER.length : index;
};

function comparable(state: IncidentState): Record<string, JsonValue> {
  if (state.status === 'unreported') return {};
  const record: Record<string, JsonValue> = { status: state.status, verification: state.verification, ...(state.details as unknown as Record<string, JsonValue>) };
  if (state.status === 'retracted') record.retraction = state.retraction as unknown as JsonValue;
  return record;
}

function flatten(value: Record<string, JsonValue>, prefix = '', into = new Map<string, JsonValue>()): Map<string, JsonValue> {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, path, into);
    else into.set(path, v);
  }
  return into;
}
