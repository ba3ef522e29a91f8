import type { ViolationFilters } from '#domain';
import { violationCellsSql } from './violation-cells.js';
import { splitIntoMonths } from './whole-months.js';

/**
 * The by-group report as one statement: whole months from the month totals the reviews
 * projection keeps, the days at either end of the period from the report's cells, summed per
 * group, with the group's short name. Undefined when the period is empty.
 */
export function violationsByGroupSql(filters: ViolationFilters): { sql: string; params: unknown[] } | undefined {
  const params: unknown[] = [];
  const rollup = filters.rollup ?? 'actor';
  const { months, edges } = splitIntoMonths(filters.from, filters.to);
  const parts: string[] = [];
  if (months) {
    params.push(rollup);
    const where = [`t.rollup = $${params.length}`];
    if (filters.agreement) where.push(`t.agreement_id = $${params.push(filters.agreement)}`);
    if (months.from) where.push(`t.month >= $${params.push(months.from)}::date`);
    if (months.before) where.push(`t.month < $${params.push(months.before)}::date`);
    parts.push(`SELECT t.grp, t.grp_kind, t.alleged, t.under_review, t.confirmed, t.dismissed, t.inconclusive, t.killed_in_confirmed
                FROM violation_month_totals t WHERE ${where.join(' AND ')}`);
  }
  for (const edge of edges) {
    parts.push(`SELECT c.grp, c.grp_kind, count(*) FILTER (WHERE c.alleged), count(*) FILTER (WHERE c.under_review),
                       count(*) FILTER (WHERE c.confirmed), count(*) FILTER (WHERE c.dismissed), count(*) FILTER (WHERE c.inconclusive),
                       coalesce(sum(c.killed) FILTER (WHERE c.confirmed), 0)
                FROM (${violationCellsSql({ ...filters, ...edge }, params)}) c GROUP BY c.grp, c.grp_kind`);
  }
  if (parts.length === 0) return undefined;
  const sql = `WITH parts (grp, grp_kind, alleged, under_review, confirmed, dismissed, inconclusive, killed_in_confirmed) AS (${parts.join(' UNION ALL ')}),
     totals AS (
       SELECT grp, grp_kind, sum(alleged)::int AS alleged, sum(under_review)::int AS under_review, sum(confirmed)::int AS confirmed,
              sum(dismissed)::int AS dismissed, sum(inconclusive)::int AS inconclusive, sum(killed_in_confirmed)::bigint AS killed_in_confirmed
       FROM parts GROUP BY grp, grp_kind)
     SELECT t.grp AS "group", t.grp_kind AS "groupKind", coalesce(co.short_name, a.short_name, t.grp) AS "groupName",
            t.alleged AS "alleged", t.under_review AS "underReview", t.confirmed AS "confirmed", t.dismissed AS "dismissed",
            t.inconclusive AS "inconclusive", t.killed_in_confirmed AS "killedInConfirmed"
     FROM totals t
     LEFT JOIN actors a ON t.grp_kind = 'actor' AND a.id = t.grp
     LEFT JOIN coalitions co ON t.grp_kind = 'coalition' AND co.id = t.grp
     ORDER BY t.confirmed DESC, t.alleged DESC, t.grp_kind DESC, t.grp`;
  return { sql, params };
}
