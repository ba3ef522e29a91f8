import { Query } from '@nestjs/cqrs';
import type { ListIncidentsDto } from './list-incidents.dto.js';

/** A page of incidents as a GeoJSON FeatureCollection, in JSON text. */
export class ListIncidentsQuery extends Query<string> {
  constructor(readonly filters: ListIncidentsDto) {
    super();
  }
}
