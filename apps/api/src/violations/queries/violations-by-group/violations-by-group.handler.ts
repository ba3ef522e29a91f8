import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { violationsByGroupSql } from '#read-models';
import { ViolationsByGroupQuery, type ViolationsByGroup, type ViolationsByGroupRow } from './violations-by-group.query.js';

/**
 * The mechanism's main report: one row per group. Whole months come from the month totals the
 * reviews projection keeps, the days at either end of the period from the report's cells.
 */
@QueryHandler(ViolationsByGroupQuery)
export class ViolationsByGroupHandler implements IQueryHandler<ViolationsByGroupQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ViolationsByGroupQuery): Promise<ViolationsByGroup> {
    const rollup = filters.rollup ?? 'actor';
    const query = violationsByGroupSql(filters);
    const found: ViolationsByGroupRow[] = query ? await this.db.query(query.sql, query.params) : [];
    // A sum of dead is bigint, which pg hands over as text.
    const rows = found.map((row) => ({ ...row, killedInConfirmed: Number(row.killedInConfirmed) }));
    return { agreement: filters.agreement ?? null, from: filters.from ?? null, to: filters.to ?? null, rollup, rows };
  }
}
