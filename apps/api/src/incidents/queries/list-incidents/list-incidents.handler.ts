import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow, IncidentVersionRow, validAt } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { knowledgeInstant } from '../../../timeline/as-of.js';
import { cutPage, orderedPage } from '../incident-cursor.js';
import { featureCollection } from '../feature-collection.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { resolveActorFilter } from '../../../reference-data/reference-names.js';
import { ListIncidentsQuery } from './list-incidents.query.js';

/**
 * Pages in a stable order (occurred time, then id) with an opaque cursor. With `asOf`, the same
 * from the versions of the records that were current at that recorded time (`incident_versions`).
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute(query: ListIncidentsQuery): Promise<string> {
    const filters = await resolveActorFilter(this.db, query.filters);
    const limit = filters.limit ?? 1000;
    const source = filters.asOf
      ? this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentVersionRow).createQueryBuilder('i').where(validAt('i'), { asOf: knowledgeInstant(filters.asOf) })
      : this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentRow).createQueryBuilder('i');
    const matched = applyIncidentFilters(source, filters).select('i.feature', 'feature').addSelect('i.id', 'id').addSelect('i.occurred_at', 'occurred_at');
    const rows = await orderedPage(matched, limit, filters.after).getRawMany<{ feature: string; id: string; occurred_at: Date }>();
    const { page, nextCursor } = cutPage(rows, limit, (row) => ({ occurredAt: row.occurred_at, id: row.id }));
    return featureCollection(page.map((row) => row.feature), nextCursor);
  }
}
