import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { incidentStreamId, NotFoundError } from '#domain';
import { IncidentRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { openSources, SourceKeyring } from '#tracker';
import { GetIncidentQuery } from './get-incident.query.js';
import { toIncidentView } from './incident-view.js';

@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly keyring: SourceKeyring,
  ) {}

  /**
   * The record, and whether a read model could not apply some of its events (parked): then what
   * the read side shows of it is incomplete until an administrator fixes and retries them.
   */
  async execute({ incidentId }: GetIncidentQuery) {
    const [row, parked] = await Promise.all([
      this.db.getRepository(IncidentRow).findOneBy({ id: incidentId }),
      this.db.query(
        `SELECT projection, event_type AS "eventType", position, parked_at AS "parkedAt" FROM parked_events WHERE stream_id = $1 ORDER BY position, projection`,
        [incidentStreamId(incidentId)],
      ) as Promise<{ projection: string; eventType: string; position: string; parkedAt: Date }[]>,
    ]);
    if (!row) {
      const why = parked.length ? `: its ${parked[0].eventType} could not be applied and is parked for an administrator (see /api/health)` : '';
      throw new NotFoundError('incident_not_found', `no incident ${incidentId}${why}`);
    }
    const view = toIncidentView(row);
    const [sources] = await openSources(this.keyring, [{ incidentId, sources: view.details.sources }]);
    return { ...view, details: { ...view.details, sources }, ...(parked.length ? { needsAttention: { parkedEvents: parked } } : {}) };
  }
}
