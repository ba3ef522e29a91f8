import type { ViolationsByGroupDto } from './violations-by-group.dto.js';

export const COLUMNS = ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive', 'killedInConfirmed'] as const;
export type Column = (typeof COLUMNS)[number];

/**
 * One row per (review, group): a review counts once per group, even when several of the
 * group's members are named in it. For the coalition roll-up each party is put in the
 * coalition it belonged to on the incident's day (a membership runs from `from_date` included
 * to `to_date` excluded), or stands alone when it belonged to none.
 *
 * At group level a review is confirmed when the finding holds any member responsible, and
 * dismissed when some member was alleged and none is held responsible.
 */
export function violationCellsSql(filters: ViolationsByGroupDto, params: unknown[], extraColumns = ''): string {
  const where: string[] = [];
  if (filters.agreement) {
    params.push(filters.agreement);
    where.push(`v.agreement_id = $${params.length}`);
  }
  if (filters.from) {
    params.push(filters.from);
    where.push(`v.occurred_on >= $${params.length}::date`);
  }
  if (filters.to) {
    params.push(filters.to);
    where.push(`v.occurred_on <= $${params.length}::date`);
  }
  const byCoalition = filters.rollup === 'coalition';
  const group = byCoalition ? 'coalesce(m.coalition_id, v.party)' : 'v.party';
  const kind = byCoalition ? "CASE WHEN m.coalition_id IS NULL THEN 'actor' ELSE 'coalition' END" : "'actor'";
  const join = byCoalition
    ? `LEFT JOIN coalition_memberships m
         ON m.actor_id = v.party AND m.from_date <= v.occurred_on AND (m.to_date IS NULL OR v.occurred_on < m.to_date)`
    : '';
  return `
    SELECT v.review_id, ${group} AS grp, ${kind} AS grp_kind,
           bool_or(v.alleged) AS alleged, bool_or(v.under_review) AS under_review, bool_or(v.confirmed) AS confirmed,
           bool_or(v.dismissed) AND NOT bool_or(v.confirmed) AS dismissed, bool_or(v.inconclusive) AS inconclusive,
           max(v.killed) AS killed${extraColumns}
    FROM violation_parties v ${join}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY v.review_id, 2, 3`;
}

/** The condition on a cell row (see violationCellsSql) that puts its review in a column. */
export const COLUMN_CONDITION: Record<Column, string> = {
  alleged: 'c.alleged',
  underReview: 'c.under_review',
  confirmed: 'c.confirmed',
  dismissed: 'c.dismissed',
  inconclusive: 'c.inconclusive',
  killedInConfirmed: 'c.confirmed',
};
