import { Query } from '@nestjs/cqrs';
import type { Rollup, ViolationGroupCounts } from '#domain';
import type { ViolationsByGroupDto } from './violations-by-group.dto.js';

/** A group's counts (see the domain's countViolationsByGroup), with its short name. */
export type ViolationsByGroupRow = ViolationGroupCounts & { groupName: string };

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
