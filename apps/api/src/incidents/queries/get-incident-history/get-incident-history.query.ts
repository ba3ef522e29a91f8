import { Query } from '@nestjs/cqrs';

export interface IncidentHistory {
  id: string;
  events: { type: string; version: number; recordedAt: Date; recordedBy: string; reason?: string; data: unknown }[];
}

export class GetIncidentHistoryQuery extends Query<IncidentHistory> {
  constructor(readonly incidentId: string) {
    super();
  }
}
