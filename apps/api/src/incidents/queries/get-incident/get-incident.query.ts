import { Query } from '@nestjs/cqrs';
import type { IncidentView } from './incident-view.js';

export class GetIncidentQuery extends Query<IncidentView> {
  constructor(readonly incidentId: string) {
    super();
  }
}
