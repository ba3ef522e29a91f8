import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow, IncidentVersionRow, validAt } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { knowledgeInstant } from '../../../timeline/as-of.js';
import { cutPage, orderedPage } from '../incident-cursor.js';
import { toFeature } from '../incident-feature.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { ListIncidentsQuery, type IncidentPage } from './list-incidents.query.js';

/**
 * Pages in a stable order (occurred time, then id) with an opaque cursor. With `asOf`, the same
 * from the versions of the records that were current at that recorded time (`incident_versions`).
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ListIncidentsQuery): Promise<IncidentPage> {
    const limit = filters.limit ?? 1000;
    const source = filters.asOf
      ? this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentVersionRow).createQueryBuilder('i').where(validAt('i'), { asOf: knowledgeInstant(filters.asOf) })
      : this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentRow).createQueryBuilder('i');
    const rows = await orderedPage(applyIncidentFilters(source, filters), limit, filters.after).getMany();
    const { page, nextCursor } = cutPage(rows, limit, (row) => row);
    return { type: 'FeatureCollection', features: page.map(toFeature), ...(nextCursor ? { nextCursor } : {}) };
  }
}
