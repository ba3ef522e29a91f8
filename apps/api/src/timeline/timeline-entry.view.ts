import type { IncidentActor } from '#domain';
import type { KnownIncidentState, TimelineKind, TimelineSummary } from '#read-models';

/** An entry of the answer. */
export interface TimelineEntryView {
  /** The incident as known at the moment of the query (now, or `asOf`): where the map puts it. */
  occurredAt: string;
  timePrecision: string;
  place: string;
  admin1: string;
  lat: number;
  lon: number;
  type: string;
  subType: string;
  actors: IncidentActor[];
  targets: string[];
  /** null: no figure. */
  fatalities: number | null;
  status: 'active' | 'retracted';
  verification: string;
  incidentVersion: number;
  /** The event's id. */
  id: string;
  incidentId: string;
  reviewId?: string;
  kind: TimelineKind;
  eventType: string;
  /** Position of the event in the store's read order (for `minPosition`). */
  position: string;
  recordedAt: string;
  recordedBy: string;
  /** What the record said right after this event (for a finding: when it was recorded). */
  asRecorded: { occurredAt: string | null; place: string | null; lat: number | null; lon: number | null; actors: string[] | null };
  summary: TimelineSummary & { text: string };
  /** With `asOf`: the fields today's record says differently (e.g. `harm.killed`, `actors`). */
  changedSince?: string[];
}

export interface Timeline {
  window: { from: string; to: string } | { from?: string; to?: string };
  asOf: string | null;
  entries: TimelineEntryView[];
  nextCursor?: string;
}

/** JSON text of a `T`, passed through as it is. */
export type JsonText<T> = string & { readonly __content?: T };

/** Between an entry's JSON and its summary's parts (`summaryTextParts`), then between entries: JSON text never holds them raw. */
export const PARTS_SEPARATOR = String.fromCharCode(31);
export const ENTRY_SEPARATOR = String.fromCharCode(30);

/** A timestamp as `Date.toISOString` writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const json = (value: string) => `coalesce(to_json(${value})::text, 'null')`;

/**
 * A `timeline_entries` row `e` as the members of its entry that the row holds, up to the summary's
 * text, then `PARTS_SEPARATOR` and the summary's parts as a JSON array; `timelineEntry` completes
 * it. Written by concatenation (ids, kinds, event types, positions and timestamps need no escaping):
 * `json_build_object` costs PostgreSQL several times more.
 */
export const ENTRY_JSON = `'"id":"' || e.id || '","incidentId":"' || e.incident_id || '"'
  || CASE WHEN e.review_id IS NULL THEN '' ELSE ',"reviewId":' || to_json(e.review_id)::text END
  || ',"kind":"' || e.kind || '","eventType":"' || e.event_type || '","position":"' || e.position
  || '","recordedAt":"' || ${iso('e.recorded_at')} || '","recordedBy":' || to_json(e.recorded_by)::text
  || ',"asRecorded":{"occurredAt":' || coalesce('"' || ${iso('e.occurred_at')} || '"', 'null')
  || ',"place":' || ${json('e.place')} || ',"lat":' || ${json('e.lat')} || ',"lon":' || ${json('e.lon')}
  || ',"actors":' || coalesce(array_to_json(e.actor_ids)::text, 'null')
  || '},"summary":{"code":"' || e.summary_code || '","params":' || e.summary_params::text
  || chr(31) || array_to_json(e.summary_parts)::text`;

/**
 * Names for the summaries' references (`actor:<id>`, `agreement:<id>`) as registered now: an
 * actor's short name, an agreement's name in its last parentheses
 * ("Accord préliminaire … (Ouagadougou preliminary agreement)" → "Ouagadougou preliminary agreement").
 */
export const REFERENCE_NAMES = `
  SELECT 'actor:' || id AS reference, coalesce(nullif(short_name, ''), name) AS name FROM actors
  UNION ALL
  SELECT 'agreement:' || id, coalesce(substring(name FROM '\\(([^()]+)\\)\\s*$'), name) FROM agreements`;

/** The members an incident gives each of its entries: its record as known at the moment of the query. */
export function incidentMembers(record: KnownIncidentState, version: number): string {
  const { details } = record;
  const members = JSON.stringify({
    occurredAt: details.occurredAt,
    timePrecision: details.timePrecision,
    place: details.location.place,
    admin1: details.location.admin1,
    lat: details.location.lat,
    lon: details.location.lon,
    type: details.type,
    subType: details.subType,
    actors: details.actors,
    targets: details.targets,
    fatalities: details.harm.killed,
    status: record.status,
    verification: record.verification,
    incidentVersion: version,
  });
  return members.slice(1, -1);
}

/**
 * An entry's JSON from its incident's members, its own (`ENTRY_JSON`) and, with `asOf`,
 * `changedSince` (JSON): the summary's text with its names put in (an id that names no one
 * stands for itself).
 */
export function timelineEntry(incident: string, entry: string, names: ReadonlyMap<string, string>, changedSince?: string): string {
  const split = entry.lastIndexOf(PARTS_SEPARATOR);
  const parts = JSON.parse(entry.slice(split + 1)) as string[];
  const text = parts.map((part, i) => (i % 2 === 0 ? part : (names.get(part) ?? part.slice(part.indexOf(':') + 1)))).join('');
  const since = changedSince === undefined ? '' : `,"changedSince":${changedSince}`;
  return `{${incident},${entry.slice(0, split)},"text":${JSON.stringify(text)}}${since}}`;
}
