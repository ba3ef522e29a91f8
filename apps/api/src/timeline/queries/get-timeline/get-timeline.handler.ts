import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, ValidationError, changedFields, parseMoment, type IncidentState } from '#domain';
import { IncidentRow, IncidentVersionRow, isCurrentVersion, validAt, type KnownIncidentState } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { applyIncidentFilters } from '../../../incidents/queries/incident-filters.js';
import { resolveActorFilter } from '../../../reference-data/reference-names.js';
import { knowledgeInstant } from '../../as-of.js';
import { ENTRY_JSON, ENTRY_SEPARATOR, REFERENCE_NAMES, incidentMembers, timelineEntry, type JsonText, type Timeline } from '../../timeline-entry.view.js';
import { windowAround, type TimelineWindow } from '../../timeline-window.js';
import { GetTimelineQuery } from './get-timeline.query.js';

const UNREPORTED: IncidentState = { status: 'unreported' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page's incident with its entries (`ENTRY_JSON`, separated by `ENTRY_SEPARATOR`). */
interface IncidentPageRow {
  i_id: string;
  i_version: number;
  i_occurred_at: Date;
  i_reported_at: Date;
  i_record: KnownIncidentState;
  /** With `asOf`: today's record (null: no longer on the record). */
  c_record?: KnownIncidentState | null;
  entries: string | null;
}

/**
 * Timeline entries of the incidents in a window of occurred time, ordered by occurred time (then
 * first report, then incident), each incident's entries in recorded order. The incidents and
 * their entries are those known at `asOf` (default: now), from the `timeline` projection's
 * tables only, so the two always agree. Pages hold whole incidents, each with its entries.
 *
 * The answer is written as text: PostgreSQL gives each entry's own members as JSON, the handler
 * adds its incident's (once per incident), its summary's text and, with `asOf`, what has changed
 * since (building the entries as objects and serialising them cost most of the request). The
 * answer holds no source (an amendment's summary counts them): nothing confidential to redact.
 */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute(query: GetTimelineQuery): Promise<JsonText<Timeline>> {
    const params = await resolveActorFilter(this.db, query.params);
    if (params.around && (params.from || params.to)) {
      throw new ValidationError('window_ambiguous', 'give either around (with before/after) or from/to, not both', 'around');
    }
    if (!params.around && (params.before || params.after)) {
      throw new ValidationError('anchor_required', 'before and after need an anchor: around', 'around');
    }
    const asOf = params.asOf ? knowledgeInstant(params.asOf) : null;
    const window = params.around ? await this.windowAround(params.around, params.before, params.after) : undefined;
    const limit = params.limit ?? 500;

    const incidents = applyIncidentFilters(
      this.db.getRepository(IncidentVersionRow).createQueryBuilder('i'),
      // The bbox below, on the coordinates: in a window of time the occurred-time index is the
      // selective one, and the planner cannot know how much of the map a box covers.
      { ...params, bbox: undefined, from: window ? undefined : params.from, to: window ? undefined : params.to },
    )
      .select('i.id', 'i_id')
      .addSelect('i.version', 'i_version')
      .addSelect('i.record', 'i_record')
      .addSelect('i.occurred_at', 'i_occurred_at')
      .addSelect('i.reported_at', 'i_reported_at')
      .orderBy('i.occurred_at', 'ASC')
      .addOrderBy('i.reported_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(limit + 1);
    if (asOf) {
      incidents.andWhere(validAt('i'), { asOf });
      incidents.leftJoin(IncidentVersionRow, 'c', `c.id = i.id AND ${isCurrentVersion('c')}`).addSelect('c.record', 'c_record');
    } else {
      incidents.andWhere(isCurrentVersion('i'));
    }
    if (window) incidents.andWhere('i.occurred_at >= :windowFrom AND i.occurred_at < :windowTo', { windowFrom: window.from, windowTo: window.to });
    if (params.bbox) {
      const [west, south, east, north] = params.bbox.split(',').map(Number);
      incidents.andWhere('i.lon BETWEEN :west AND :east AND i.lat BETWEEN :south AND :north', { west, south, east, north });
    }
    if (params.cursor) {
      const cursor = decodeCursor(params.cursor);
      incidents.andWhere('(i.occurred_at, i.reported_at, i.id) > (:cursorAt, :cursorReported, :cursorId)', cursor);
    }

    // With each incident, its entries known at the moment (its own events up to the version then
    // current, and the findings recorded by then), in recorded order: one round trip.
    const [sql, parameters] = incidents.getQueryAndParameters();
    const known = asOf ? `AND (e.incident_version <= p.i_version OR (e.incident_version IS NULL AND e.recorded_at <= $${parameters.length + 1}))` : '';
    const [incidentRows, names] = await Promise.all([
      this.db.query(
        `SELECT p.*, (SELECT string_agg(${ENTRY_JSON}, chr(30) ORDER BY e.recorded_at, e.position)
                      FROM timeline_entries e WHERE e.incident_id = p.i_id ${known}) AS entries
         FROM (${sql}) p ORDER BY p.i_occurred_at, p.i_reported_at, p.i_id`,
        asOf ? [...parameters, asOf] : parameters,
      ) as Promise<IncidentPageRow[]>,
      this.db.query(REFERENCE_NAMES) as Promise<{ reference: string; name: string }[]>,
    ]);
    const hasMore = incidentRows.length > limit;
    const page = incidentRows.slice(0, limit);

    const nameOf = new Map(names.map((n) => [n.reference, n.name]));
    const entries = page.flatMap((incident) => {
      if (!incident.entries) return [];
      const members = incidentMembers(incident.i_record, incident.i_version);
      const changedSince = asOf ? JSON.stringify(changedFields(incident.i_record, incident.c_record ?? UNREPORTED)) : undefined;
      return incident.entries.split(ENTRY_SEPARATOR).map((entry) => timelineEntry(members, entry, nameOf, changedSince));
    });
    const last = page[page.length - 1];
    const answerWindow = window ?? { ...(params.from ? { from: params.from } : {}), ...(params.to ? { to: params.to } : {}) };
    const cursor = hasMore ? `,"nextCursor":${JSON.stringify(encodeCursor(last.i_occurred_at, last.i_reported_at, last.i_id))}` : '';
    return `{"window":${JSON.stringify(answerWindow)},"asOf":${JSON.stringify(asOf)},"entries":[${entries.join(',')}]${cursor}}`;
  }

  /** An incident anchor stands at its occurred time as the record says today. */
  private async windowAround(around: string, before = 'P7D', after = 'P7D'): Promise<TimelineWindow> {
    let anchor = around;
    if (UUID.test(around)) {
      const incident = await this.db.getRepository(IncidentRow).findOneBy({ id: around.toLowerCase() });
      if (!incident) throw new NotFoundError('incident_not_found', `no incident ${around}`);
      anchor = incident.record.details.occurredAt;
    }
    return windowAround(anchor, before, after);
  }
}

function encodeCursor(occurredAt: Date, reportedAt: Date, id: string): string {
  return Buffer.from(`${occurredAt.toISOString()}|${reportedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { cursorAt: Date; cursorReported: Date; cursorId: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const [at, reported] = parts.slice(0, 2).map((part) => parseMoment(part)?.start);
  const id = parts[2];
  if (parts.length !== 3 || !at || !reported || !UUID.test(id)) {
    throw new BadRequestException({
      code: 'validation_failed',
      detail: 'cursor is not a cursor from this API',
      errors: [{ field: 'cursor', messages: ['cursor is not a cursor from this API'] }],
    });
  }
  return { cursorAt: at, cursorReported: reported, cursorId: id };
}
