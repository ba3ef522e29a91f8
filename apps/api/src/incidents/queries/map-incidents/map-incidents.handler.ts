import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { cutPage, orderedPage } from '../incident-cursor.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { resolveActorFilter } from '../../../reference-data/reference-names.js';
import { MAP_FIELDS, MapIncidentsQuery, type MapIncident, type MapIncidents } from './map-incidents.query.js';

interface PointRow {
  id: string;
  lon: number;
  lat: number;
  type: string;
  killed: number;
  occurred: string;
  place: string;
  status: string;
  occurred_at: Date;
}

/**
 * The incidents of a view as the map draws them: a few columns each, not the whole record, so a
 * region of 10,000 incidents is a megabyte rather than five.
 */
@QueryHandler(MapIncidentsQuery)
export class MapIncidentsHandler implements IQueryHandler<MapIncidentsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute(mapQuery: MapIncidentsQuery): Promise<MapIncidents> {
    const filters = await resolveActorFilter(this.db, mapQuery.filters);
    const limit = filters.limit ?? 1000;
    const query = this.db
      .getRepository(IncidentRow)
      .createQueryBuilder('i')
      .select(['i.id AS id', 'i.lon AS lon', 'i.lat AS lat', 'i.type AS type', 'i.killed AS killed', 'i.status AS status', 'i.occurred_at AS occurred_at'])
      // As reported (a bare date when only the day is known), and the place's name.
      .addSelect(`i.record #>> '{details,occurredAt}'`, 'occurred')
      .addSelect(`i.record #>> '{details,location,place}'`, 'place');
    const rows = await orderedPage(applyIncidentFilters(query, filters), limit, filters.after).getRawMany<PointRow>();
    const { page, nextCursor } = cutPage(rows, limit, (row) => ({ occurredAt: row.occurred_at, id: row.id }));
    return {
      fields: MAP_FIELDS,
      incidents: page.map((row): MapIncident => [row.id, row.lon, row.lat, row.type, row.killed, row.occurred, row.place, row.status === 'retracted']),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
