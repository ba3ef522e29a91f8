import { Query } from '@nestjs/cqrs';
import type { ListIncidentsDto } from './list-incidents.dto.js';
import type { toFeature } from '../incident-feature.js';

export interface IncidentPage {
  type: 'FeatureCollection';
  features: ReturnType<typeof toFeature>[];
  nextCursor?: string;
}

export class ListIncidentsQuery extends Query<IncidentPage> {
  constructor(readonly filters: ListIncidentsDto) {
    super();
  }
}
