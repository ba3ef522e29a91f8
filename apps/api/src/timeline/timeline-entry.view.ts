import { changedFields, type IncidentActor, type IncidentState } from '#domain';
import type { JsonObject } from '#event-store';
import { describeTimelineSummary, type KnownIncidentState, type SummaryNames, type TimelineKind, type TimelineSummary } from '#read-models';

/** A timeline row as read: the entry (`e_…`) with its incident's record as known (`i_…`). */
export interface TimelineRow {
  i_id: string;
  i_version: number;
  i_record: KnownIncidentState;
  /** With `asOf`: today's record, to say what has changed since. */
  c_record?: KnownIncidentState | null;
  e_id: string;
  e_review_id: string | null;
  e_kind: TimelineKind;
  e_event_type: string;
  e_stream_version: number;
  e_position: string;
  e_recorded_at: Date;
  e_recorded_by: string;
  e_occurred_at: Date | null;
  e_place: string | null;
  e_lat: number | null;
  e_lon: number | null;
  e_actor_ids: string[] | null;
  e_summary_code: TimelineSummary['code'];
  e_summary_params: JsonObject;
}

export interface TimelineEntryView {
  /** The event's id. */
  id: string;
  incidentId: string;
  reviewId?: string;
  kind: TimelineKind;
  eventType: string;
  /** Position of the event in the store's read order (for `minPosition`). */
  position: string;
  recordedAt: Date;
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
  asRecorded: { occurredAt: Date | null; place: string | null; lat: number | null; lon: number | null; actors: string[] | null };
  /** With `asOf`: the fields today's record says differently (e.g. `harm.killed`, `actors`). */
  changedSince?: string[];
}

export interface Timeline {
  window: { from: Date; to: Date } | { from?: string; to?: string };
  asOf: Date | null;
  entries: TimelineEntryView[];
  nextCursor?: string;
}

export function toTimelineEntryView(row: TimelineRow, names: SummaryNames): TimelineEntryView {
  const { details } = row.i_record;
  const summary: TimelineSummary = { code: row.e_summary_code, params: row.e_summary_params };
  return {
    id: row.e_id,
    incidentId: row.i_id,
    ...(row.e_review_id ? { reviewId: row.e_review_id } : {}),
    kind: row.e_kind,
    eventType: row.e_event_type,
    position: row.e_position,
    recordedAt: row.e_recorded_at,
    recordedBy: row.e_recorded_by,
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
    status: row.i_record.status,
    verification: row.i_record.verification,
    incidentVersion: row.i_version,
    summary: { ...summary, text: describeTimelineSummary(summary, names) },
    asRecorded: { occurredAt: row.e_occurred_at, place: row.e_place, lat: row.e_lat, lon: row.e_lon, actors: row.e_actor_ids },
    ...(row.c_record !== undefined ? { changedSince: changedFields(row.i_record, (row.c_record ?? { status: 'unreported' }) as IncidentState) } : {}),
  };
}
