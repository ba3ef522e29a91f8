import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { openSources, SourceKeyring } from '#tracker';
import { featureCollection } from '../feature-collection.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { readReferenceNames, resolveActorFilter } from '../../../reference-data/reference-names.js';
import { ExportIncidentsQuery } from './export-incidents.query.js';
import { incidentsCsv } from './incidents-csv.js';

/** Every incident the filters match, in occurred order, as the file's text. */
@QueryHandler(ExportIncidentsQuery)
export class ExportIncidentsHandler implements IQueryHandler<ExportIncidentsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly keyring: SourceKeyring,
  ) {}

  async execute(exportQuery: ExportIncidentsQuery): Promise<string> {
    const filters = await resolveActorFilter(this.db, exportQuery.filters);
    const query = applyIncidentFilters(this.db.getRepository(IncidentRow).createQueryBuilder('i'), filters).orderBy('i.occurred_at', 'ASC').addOrderBy('i.id', 'ASC');
    if (filters.format === 'csv') {
      const rows = await query.getMany();
      const sources = await openSources(this.keyring, rows.map((row) => ({ incidentId: row.id, sources: row.record.details.sources })));
      return incidentsCsv(rows, sources, await readReferenceNames(this.db));
    }
    const rows = await query.select('i.feature', 'feature').getRawMany<{ feature: string }>();
    return featureCollection(rows.map((row) => row.feature));
  }
}
