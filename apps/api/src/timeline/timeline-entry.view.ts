import type { IncidentActor } from '#domain';
import type { TimelineKind, TimelineSummary } from '#read-models';

/** An entry of the answer, as `TIMELINE_ENTRY_JSON` writes it. */
export interface TimelineEntryView {
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
  summary: TimelineSummary & { text: string };
  /** What the record said right after this event (for a finding: when it was recorded). */
  asRecorded: { occurredAt: string | null; place: string | null; lat: number | null; lon: number | null; actors: string[] | null };
  /** With `asOf`: the fields today's record says differently (e.g. `harm.killed`, `actors`). */
  changedSince?: string[];
}

export interface Timeline {
  window: { from: string; to: string } | { from?: string; to?: string };
  asOf: string | null;
  entries: TimelineEntryView[];
  nextCursor?: string;
}

/** JSON text of a `T`, written by PostgreSQL and passed through. */
export type JsonText<T> = string & { readonly __content?: T };

/** A timestamp as `Date.toISOString` writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The members of a JSON object, without its braces (its first member is a key, its last a value). */
const members = (object: string) => `left(ltrim(${object}::text, '{'), -1)`;

/**
 * An entry's summary text: its parts (libs/read-models `summaryTextParts`) with the names as
 * registered now, an id that names no one standing for itself.
 */
const SUMMARY_TEXT = `CASE WHEN cardinality(e.summary_parts) = 1 THEN e.summary_parts[1] ELSE (
  SELECT string_agg(CASE
      WHEN s.n % 2 = 1 THEN s.part
      WHEN s.part LIKE 'actor:%' THEN coalesce(
        (SELECT coalesce(nullif(a.short_name, ''), a.name) FROM actors a WHERE a.id = substr(s.part, 7)), substr(s.part, 7))
      ELSE coalesce(
        -- "Accord préliminaire … (Ouagadougou preliminary agreement)" → "Ouagadougou preliminary agreement"
        (SELECT coalesce(substring(g.name FROM '\\(([^()]+)\\)\\s*$'), g.name) FROM agreements g WHERE g.id = substr(s.part, 11)), substr(s.part, 11))
    END, '' ORDER BY s.n)
  FROM unnest(e.summary_parts) WITH ORDINALITY AS s(part, n)) END`;

/**
 * The fields an incident gives each of its entries (the record as known at the moment of the
 * query), from a page row `p` (`i_record`, `i_version`): written once per incident.
 */
export const INCIDENT_FIELDS_JSON = members(`json_build_object(
  'occurredAt', d.details->'occurredAt', 'timePrecision', d.details->'timePrecision',
  'place', d.details#>'{location,place}', 'admin1', d.details#>'{location,admin1}',
  'lat', d.details#>'{location,lat}', 'lon', d.details#>'{location,lon}',
  'type', d.details->'type', 'subType', d.details->'subType', 'actors', d.details->'actors', 'targets', d.details->'targets',
  'fatalities', d.details#>'{harm,killed}', 'status', p.i_record->'status', 'verification', p.i_record->'verification',
  'incidentVersion', p.i_version)`);

/**
 * A `timeline_entries` row `e` as the entry of the answer, its incident's fields from
 * `incidentFields` (`INCIDENT_FIELDS_JSON`), without the closing brace: the handler closes it,
 * adding `changedSince` for an `asOf` answer (a diff the domain computes).
 */
export const timelineEntryJson = (incidentFields: string) => `'{'
  || CASE WHEN e.review_id IS NULL THEN '' ELSE '"reviewId" : ' || to_json(e.review_id)::text || ', ' END
  || ${members(`json_build_object('id', e.id, 'incidentId', e.incident_id, 'kind', e.kind, 'eventType', e.event_type,
       'position', e.position, 'recordedAt', ${iso('e.recorded_at')}, 'recordedBy', e.recorded_by)`)}
  || ', ' || ${incidentFields} || ', '
  || ${members(`json_build_object(
       'summary', json_build_object('code', e.summary_code, 'params', e.summary_params, 'text', ${SUMMARY_TEXT}),
       'asRecorded', json_build_object('occurredAt', ${iso('e.occurred_at')}, 'place', e.place, 'lat', e.lat, 'lon', e.lon, 'actors', e.actor_ids))`)}`;
