import { Query } from '@nestjs/cqrs';
import type { IncidentStatsDto, StatsKey } from './incident-stats.dto.js';

export interface StatsFigures {
  incidents: number;
  killed: number;
  injured: number;
  abducted: number;
}

/** One group: its key values (null for an incident without actor or target), then its figures. */
export type StatsGroup = Partial<Record<StatsKey, string | null>> & StatsFigures;

export interface IncidentStats {
  groupBy: StatsKey[];
  /** Each matching incident once, whatever the grouping. */
  total: StatsFigures;
  groups: StatsGroup[];
}

export class IncidentStatsQuery extends Query<IncidentStats> {
  constructor(readonly filters: IncidentStatsDto) {
    super();
  }
}
