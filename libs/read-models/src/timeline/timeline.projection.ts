import {
  currentConfidentiality,
  ERASED_REFERENCE,
  INCIDENT_STREAM_PREFIX,
  evolveIncident,
  initialIncidentState,
  isIncidentEvent,
  occurredInstant,
  type IncidentEvent,
  type IncidentState,
} from '#domain';
import type { JsonObject, RecordedEvent } from '#event-store';
import type { EntityManager } from 'typeorm';
import { INCIDENT_COLUMN_NAMES, incidentColumnValues, storableDegrees, type IncidentColumnValues, type KnownIncidentState } from '../incidents/incident-columns.js';
import type { Projection } from '../projections/projection.js';
import type { TimelineKind } from './timeline-entry.entity.js';
import { summarizeFinding, summarizeIncidentEvent, summaryTextParts, type TimelineSummary } from './timeline-summary.js';

/** Violation reviews (the ceasefire mechanism): their findings go on the timeline when they exist. */
export const REVIEW_STREAM_PREFIX = 'review-';
export const FINDING_RECORDED = 'FindingRecorded';

/** The tables this projection owns, rebuilt and swapped together. */
export const TIMELINE_TABLES = ['incident_versions', 'timeline_entries', 'timeline_reviews'] as const;

/** Incident events and their kind of entry; null: a new version of the record, but no entry. */
const KIND: Record<IncidentEvent['type'], TimelineKind | null> = {
  IncidentReported: 'reported',
  IncidentAmended: 'amended',
  IncidentVerificationChanged: 'verification_changed',
  IncidentRetracted: 'retracted',
  IncidentSourceErased: null,
  EvidenceAttached: null,
  EvidenceErased: null,
};

/** An `incident_versions` row with the database's column names, as written. */
interface VersionRow extends IncidentColumnValues {
  valid_from: Date;
  valid_to: Date | null;
  recorded_at: Date;
}

const VERSION_COLUMNS = ['valid_from', 'valid_to', 'recorded_at', ...INCIDENT_COLUMN_NAMES].join(', ');
const ENTRY_COLUMNS =
  'id, incident_id, review_id, kind, event_type, stream_id, stream_version, position, recorded_at, recorded_by, incident_version, ' +
  'occurred_at, time_precision, place, admin1, lat, lon, actor_ids, summary_code, summary_params, summary_parts';

interface EntryRow {
  id: string;
  incident_id: string | null;
  review_id: string | null;
  kind: TimelineKind;
  event_type: string;
  stream_id: string;
  stream_version: number;
  position: string;
  recorded_at: Date;
  recorded_by: string;
  incident_version: number | null;
  occurred_at: Date | null;
  time_precision: string | null;
  place: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  actor_ids: string[] | null;
  summary_code: string;
  summary_params: JsonObject;
  summary_parts: string[];
}

interface ReviewRow {
  review_id: string;
  incident_id: string;
  agreement_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The timeline and the temporal model of incidents, from the same fold (the domain's `evolve`):
 * each incident event closes the incident's current version at its recording time, opens the
 * next one, and adds a timeline entry that says what changed; each review finding adds an entry
 * placed at its incident. A batch is folded in memory and written with four statements.
 *
 * Validity starts at the event's recording time, or at the previous version's start if that is
 * later (an import out of order), so the ranges of an incident never overlap: the version valid
 * at T is the fold of the stream's longest prefix recorded by T.
 */
export const timelineProjection: Projection & { tables: readonly string[]; readOnlyIndexes: readonly string[] } = {
  name: 'timeline',
  streamPrefixes: [INCIDENT_STREAM_PREFIX, REVIEW_STREAM_PREFIX],
  tables: TIMELINE_TABLES,
  readOnlyIndexes: ['incident_versions_occurred_at', 'incident_versions_current_occurred', 'timeline_entries_incident'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const incidentIds = new Set<string>();
    const reviews = new Map<string, ReviewRow>();
    const newReviews: ReviewRow[] = [];
    const unknownReviews = new Set<string>();
    for (const event of events) {
      if (isIncidentStream(event)) {
        if (isIncidentEvent(event)) incidentIds.add(incidentIdOf(event));
      } else if (isReviewStream(event)) {
        const reviewId = reviewIdOf(event);
        const incidentId = incidentOfReviewEvent(event);
        if (incidentId) incidentIds.add(incidentId);
        if (incidentId && !reviews.has(reviewId)) {
          const row = { review_id: reviewId, incident_id: incidentId, agreement_id: stringOr(event.data.agreementId, null) };
          reviews.set(reviewId, row);
          newReviews.push(row);
        } else if (!incidentId && event.type === FINDING_RECORDED && !reviews.has(reviewId)) {
          unknownReviews.add(reviewId);
        }
      }
    }
    if (unknownReviews.size) {
      const known: ReviewRow[] = await manager.query(
        'SELECT review_id, incident_id, agreement_id FROM timeline_reviews WHERE review_id = ANY($1::text[])',
        [[...unknownReviews]],
      );
      for (const row of known) {
        if (!reviews.has(row.review_id)) reviews.set(row.review_id, row);
        incidentIds.add(row.incident_id);
      }
    }

    const current = new Map<string, VersionRow>();
    const stored = new Set<VersionRow>();
    if (incidentIds.size) {
      const rows: VersionRow[] = await manager.query(
        `SELECT ${VERSION_COLUMNS} FROM incident_versions WHERE id = ANY($1::uuid[]) AND valid_to IS NULL`,
        [[...incidentIds]],
      );
      for (const row of rows) {
        current.set(row.id, row);
        stored.add(row);
      }
    }

    const inserted: VersionRow[] = [];
    const closed: { id: string; version: number; valid_to: Date }[] = [];
    const entries: EntryRow[] = [];
    const erasures: { id: string; sourceId: string }[] = [];
    const confidentiality: { id: string; flags: Record<string, boolean> }[] = [];
    for (const event of events) {
      if (isIncidentStream(event)) {
        if (!isIncidentEvent(event)) continue;
        const id = incidentIdOf(event);
        const previous = current.get(id);
        const before: IncidentState = previous?.record ?? initialIncidentState();
        const after = evolveIncident(before, event);
        if (after.status === 'unreported') continue;
        const validFrom = previous && previous.valid_from > event.recordedAt ? previous.valid_from : event.recordedAt;
        if (previous) {
          previous.valid_to = validFrom;
          if (stored.has(previous)) closed.push({ id, version: previous.version, valid_to: validFrom });
        }
        const row = versionRow(after, event, validFrom, previous);
        inserted.push(row);
        current.set(id, row);
        if (event.type === 'IncidentSourceErased') erasures.push({ id, sourceId: event.data.sourceId });
        if (event.type === 'IncidentAmended' && event.data.changes.sources) {
          confidentiality.push({ id, flags: Object.fromEntries(currentConfidentiality([event])) });
        }
        const kind = KIND[event.type];
        const summary = summarizeIncidentEvent(before, after, event);
        if (kind && summary) entries.push(entryRow(event, kind, id, null, event.version, after, summary));
      } else if (isReviewStream(event) && event.type === FINDING_RECORDED) {
        const reviewId = reviewIdOf(event);
        const review = reviews.get(reviewId);
        const incidentId = incidentOfReviewEvent(event) ?? review?.incident_id ?? null;
        const state = incidentId ? current.get(incidentId)?.record : undefined;
        entries.push(
          entryRow(event, 'finding', incidentId, reviewId, null, state, summarizeFinding(event.data, review?.agreement_id ?? null)),
        );
      }
    }

    if (closed.length) {
      await manager.query(
        `UPDATE incident_versions v SET valid_to = x.valid_to
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, version int, valid_to timestamptz)
         WHERE v.id = x.id AND v.version = x.version`,
        [JSON.stringify(closed)],
      );
    }
    if (inserted.length) {
      await manager.query(
        `INSERT INTO incident_versions (${VERSION_COLUMNS})
         SELECT ${VERSION_COLUMNS} FROM jsonb_populate_recordset(NULL::incident_versions, $1::jsonb)`,
        [JSON.stringify(inserted)],
      );
    }
    if (entries.length) {
      await manager.query(
        `INSERT INTO timeline_entries (${ENTRY_COLUMNS})
         SELECT ${ENTRY_COLUMNS} FROM jsonb_populate_recordset(NULL::timeline_entries, $1::jsonb)`,
        [JSON.stringify(entries)],
      );
    }
    // A forgotten source is forgotten in every version of the record, as a rebuild would read it.
    for (const { id, sourceId } of erasures) {
      await manager.query(
        `UPDATE incident_versions SET record = jsonb_set(record, '{details,sources}', (
           SELECT coalesce(jsonb_agg(CASE WHEN s->>'id' = $2 THEN s || $3::jsonb ELSE s END ORDER BY n), '[]'::jsonb)
           FROM jsonb_array_elements(record->'details'->'sources') WITH ORDINALITY AS x(s, n)))
         WHERE id = $1 AND record->'details'->'sources' @> jsonb_build_array(jsonb_build_object('id', $2::text))`,
        [id, sourceId, JSON.stringify({ reference: ERASED_REFERENCE, erased: true })],
      );
    }
    // Confidentiality is a property of the source as it is now: every stored version says so.
    for (const { id, flags } of confidentiality) {
      await manager.query(
        `UPDATE incident_versions SET record = jsonb_set(record, '{details,sources}', (
           SELECT coalesce(jsonb_agg(CASE WHEN $2::jsonb ? (s->>'id') THEN s || jsonb_build_object('confidential', $2::jsonb->(s->>'id')) ELSE s END ORDER BY n), '[]'::jsonb)
           FROM jsonb_array_elements(record->'details'->'sources') WITH ORDINALITY AS x(s, n)))
         WHERE id = $1 AND EXISTS (
           SELECT 1 FROM jsonb_array_elements(record->'details'->'sources') s
           WHERE $2::jsonb ? (s->>'id') AND (s->'confidential') IS DISTINCT FROM $2::jsonb->(s->>'id'))`,
        [id, JSON.stringify(flags)],
      );
    }
    if (newReviews.length) {
      await manager.query(
        `INSERT INTO timeline_reviews (review_id, incident_id, agreement_id)
         SELECT review_id, incident_id, agreement_id FROM jsonb_populate_recordset(NULL::timeline_reviews, $1::jsonb)
         ON CONFLICT (review_id) DO NOTHING`,
        [JSON.stringify(newReviews)],
      );
    }
  },
};

function versionRow(state: KnownIncidentState, event: RecordedEvent, validFrom: Date, previous: VersionRow | undefined): VersionRow {
  return { valid_from: validFrom, valid_to: null, recorded_at: event.recordedAt, ...incidentColumnValues(state, event, previous) };
}

function entryRow(
  event: RecordedEvent,
  kind: TimelineKind,
  incidentId: string | null,
  reviewId: string | null,
  incidentVersion: number | null,
  state: KnownIncidentState | undefined,
  summary: TimelineSummary,
): EntryRow {
  const details = state?.details;
  return {
    id: event.id,
    incident_id: incidentId,
    review_id: reviewId,
    kind,
    event_type: event.type,
    stream_id: event.streamId,
    stream_version: event.version,
    position: event.position,
    recorded_at: event.recordedAt,
    recorded_by: event.metadata.userId,
    incident_version: incidentVersion,
    occurred_at: details ? occurredInstant(details.occurredAt) : null,
    time_precision: details?.timePrecision ?? null,
    place: details?.location.place ?? null,
    admin1: details?.location.admin1 ?? null,
    lat: details ? storableDegrees(details.location.lat) : null,
    lon: details ? storableDegrees(details.location.lon) : null,
    actor_ids: details ? [...new Set(details.actors.map((a) => a.actorId))] : null,
    summary_code: summary.code,
    summary_params: summary.params,
    summary_parts: summaryTextParts(summary),
  };
}

const isIncidentStream = (event: RecordedEvent) => event.streamId.startsWith(INCIDENT_STREAM_PREFIX);
const isReviewStream = (event: RecordedEvent) => event.streamId.startsWith(REVIEW_STREAM_PREFIX);
const incidentIdOf = (event: IncidentEvent) => event.data.incidentId;
const reviewIdOf = (event: RecordedEvent) => stringOr(event.data.reviewId, null) ?? event.streamId.slice(REVIEW_STREAM_PREFIX.length);

function incidentOfReviewEvent(event: RecordedEvent): string | undefined {
  const id = event.data.incidentId;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' && value ? value : fallback;
}
