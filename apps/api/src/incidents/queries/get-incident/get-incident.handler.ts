import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#domain';
import { IncidentRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { openSources } from '../../../sources/sealed-sources.js';
import { SourceKeyring } from '../../../sources/source-keyring.js';
import { GetIncidentQuery } from './get-incident.query.js';
import { toIncidentView } from './incident-view.js';

@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly keyring: SourceKeyring,
  ) {}

  async execute({ incidentId }: GetIncidentQuery) {
    const row = await this.db.getRepository(IncidentRow).findOneBy({ id: incidentId });
    if (!row) throw new NotFoundError('incident_not_found', `no incident ${incidentId}`);
    const view = toIncidentView(row);
    const [sources] = await openSources(this.keyring, [{ incidentId, sources: view.details.sources }]);
    return { ...view, details: { ...view.details, sources } };
  }
}
