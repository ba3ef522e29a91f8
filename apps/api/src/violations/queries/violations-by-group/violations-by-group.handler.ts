import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { violationCellsSql } from './violation-cells.js';
import { ViolationsByGroupQuery, type ViolationsByGroup, type ViolationsByGroupRow } from './violations-by-group.query.js';

/** The mechanism's main report: one row per group, from one indexed scan of the report's cells. */
@QueryHandler(ViolationsByGroupQuery)
export class ViolationsByGroupHandler implements IQueryHandler<ViolationsByGroupQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ViolationsByGroupQuery): Promise<ViolationsByGroup> {
    const params: unknown[] = [];
    const rows: ViolationsByGroupRow[] = await this.db.query(
      `WITH cells AS (${violationCellsSql(filters, params)}),
       totals AS (
         SELECT c.grp, c.grp_kind,
                count(*) FILTER (WHERE c.alleged)::int AS alleged,
                count(*) FILTER (WHERE c.under_review)::int AS under_review,
                count(*) FILTER (WHERE c.confirmed)::int AS confirmed,
                count(*) FILTER (WHERE c.dismissed)::int AS dismissed,
                count(*) FILTER (WHERE c.inconclusive)::int AS inconclusive,
                coalesce(sum(c.killed) FILTER (WHERE c.confirmed), 0)::int AS killed_in_confirmed
         FROM cells c GROUP BY c.grp, c.grp_kind)
       SELECT t.grp AS "group", t.grp_kind AS "groupKind", coalesce(co.short_name, a.short_name, t.grp) AS "groupName",
              t.alleged AS "alleged", t.under_review AS "underReview", t.confirmed AS "confirmed", t.dismissed AS "dismissed",
              t.inconclusive AS "inconclusive", t.killed_in_confirmed AS "killedInConfirmed"
       FROM totals t
       LEFT JOIN actors a ON t.grp_kind = 'actor' AND a.id = t.grp
       LEFT JOIN coalitions co ON t.grp_kind = 'coalition' AND co.id = t.grp
       ORDER BY t.confirmed DESC, t.alleged DESC, t.grp_kind DESC, t.grp`,
      params,
    );
    return { agreement: filters.agreement ?? null, from: filters.from ?? null, to: filters.to ?? null, rollup: filters.rollup ?? 'actor', rows };
  }
}
