import { Query } from '@nestjs/cqrs';
import type { IncidentDiff } from './diff-incident.handler.js';

export class DiffIncidentQuery extends Query<IncidentDiff> {
  constructor(
    readonly incidentId: string,
    readonly from: string,
    readonly to: string | undefined,
  ) {
    super();
  }
}
