import { Query } from '@nestjs/cqrs';
import type { Rollup } from '#read-models';
import type { ViolationsByGroupDto } from './violations-by-group.dto.js';

export interface ViolationsByGroupRow {
  group: string;
  groupKind: 'actor' | 'coalition';
  groupName: string;
  alleged: number;
  underReview: number;
  confirmed: number;
  dismissed: number;
  inconclusive: number;
  killedInConfirmed: number;
}

export interface ViolationsByGroup {
  agreement: string | null;
  from: string | null;
  to: string | null;
  rollup: Rollup;
  rows: ViolationsByGroupRow[];
}

export class ViolationsByGroupQuery extends Query<ViolationsByGroup> {
  constructor(readonly filters: ViolationsByGroupDto) {
    super();
  }
}
