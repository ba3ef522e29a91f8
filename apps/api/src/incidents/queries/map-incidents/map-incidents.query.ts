import { Query } from '@nestjs/cqrs';
import type { IncidentPagesDto } from '../incident-pages.dto.js';

/** What the map draws of an incident, one array per incident in this order (see `fields`). */
export const MAP_FIELDS = ['id', 'lon', 'lat', 'type', 'killed', 'occurredAt', 'place', 'retracted'] as const;
export type MapIncident = [id: string, lon: number, lat: number, type: string, killed: number, occurredAt: string, place: string, retracted: boolean];

export interface MapIncidents {
  fields: typeof MAP_FIELDS;
  incidents: MapIncident[];
  nextCursor?: string;
}

export class MapIncidentsQuery extends Query<MapIncidents> {
  constructor(readonly filters: IncidentPagesDto) {
    super();
  }
}
