import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, incidentStreamId, withCurrentConfidentiality } from '#domain';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { GetIncidentHistoryQuery } from './get-incident-history.query.js';

/** Read from the stream itself: the history is the events, not a copy of them. */
@QueryHandler(GetIncidentHistoryQuery)
export class GetIncidentHistoryHandler implements IQueryHandler<GetIncidentHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId }: GetIncidentHistoryQuery) {
    const events = withCurrentConfidentiality(await this.store.readStream(incidentStreamId(incidentId)));
    if (events.length === 0) throw new NotFoundError('incident_not_found', `no incident ${incidentId}`);
    return {
      id: incidentId,
      events: events.map((e) => ({
        type: e.type,
        version: e.version,
        recordedAt: e.recordedAt,
        recordedBy: e.metadata.userId,
        ...(e.metadata.reason ? { reason: e.metadata.reason } : {}),
        data: e.data,
      })),
    };
  }
}
