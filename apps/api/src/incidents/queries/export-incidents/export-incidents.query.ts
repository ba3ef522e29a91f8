import { Query } from '@nestjs/cqrs';
import type { IncidentRow } from '#read-models';
import type { IncidentFiltersDto } from '../incident-filters.dto.js';

export class ExportIncidentsQuery extends Query<IncidentRow[]> {
  constructor(readonly filters: IncidentFiltersDto) {
    super();
  }
}
