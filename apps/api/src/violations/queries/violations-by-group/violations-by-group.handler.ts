import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { violationCellsSql } from './violation-cells.js';
import { ViolationsByGroupQuery, type ViolationsByGroup, type ViolationsByGroupRow } from './violations-by-group.query.js';

/** The mechanism's main report: one row per group, one indexed scan of `violation_parties`. */
@QueryHandler(ViolationsByGroupQuery)
export class ViolationsByGroupHandler implements IQueryHandler<ViolationsByGroupQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ViolationsByGroupQuery): Promise<ViolationsByGroup> {
    const params: unknown[] = [];
    const rows: ViolationsByGroupRow[] = await this.db.query(
      `WITH cells AS (${violationCellsSql(filters, params)})
       SELECT c.grp AS "group", c.grp_kind AS "groupKind", coalesce(co.short_name, a.short_name, c.grp) AS "groupName",
              count(*) FILTER (WHERE c.alleged)::int AS "alleged",
              count(*) FILTER (WHERE c.under_review)::int AS "underReview",
              count(*) FILTER (WHERE c.confirmed)::int AS "confirmed",
              count(*) FILTER (WHERE c.dismissed)::int AS "dismissed",
              count(*) FILTER (WHERE c.inconclusive)::int AS "inconclusive",
              coalesce(sum(c.killed) FILTER (WHERE c.confirmed), 0)::int AS "killedInConfirmed"
       FROM cells c
       LEFT JOIN actors a ON c.grp_kind = 'actor' AND a.id = c.grp
       LEFT JOIN coalitions co ON c.grp_kind = 'coalition' AND co.id = c.grp
       GROUP BY c.grp, c.grp_kind, co.short_name, a.short_name
       ORDER BY "confirmed" DESC, "alleged" DESC, c.grp_kind DESC, c.grp`,
      params,
    );
    return { agreement: filters.agreement ?? null, from: filters.from ?? null, to: filters.to ?? null, rollup: filters.rollup ?? 'actor', rows };
  }
}
