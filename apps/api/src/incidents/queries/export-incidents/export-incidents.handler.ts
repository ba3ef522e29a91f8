import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { ExportIncidentsQuery } from './export-incidents.query.js';

@QueryHandler(ExportIncidentsQuery)
export class ExportIncidentsHandler implements IQueryHandler<ExportIncidentsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  execute({ filters }: ExportIncidentsQuery) {
    return applyIncidentFilters(this.db.getRepository(IncidentRow).createQueryBuilder('i'), filters)
      .orderBy('i.occurred_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }
}
