import type { ViolationColumn, ViolationFilters } from '#domain';

/**
 * The report's cells: one row per (review, group), so a review counts once per group. By actor,
 * the `violation_parties` rows; by coalition, the `violation_coalition_cells` rows the reviews
 * projection keeps (each party in the coalition it belonged to on the incident's day, or standing
 * alone; the flags of a group's members merged). Either way a plain indexed scan, no join.
 */
export function violationCellsSql(filters: ViolationFilters, params: unknown[], { members = false } = {}): string {
  const where: string[] = [];
  if (filters.agreement) {
    params.push(filters.agreement);
    where.push(`c.agreement_id = $${params.length}`);
  }
  if (filters.from) {
    params.push(filters.from);
    where.push(`c.occurred_on >= $${params.length}::date`);
  }
  if (filters.to) {
    params.push(filters.to);
    where.push(`c.occurred_on <= $${params.length}::date`);
  }
  const byCoalition = filters.rollup === 'coalition';
  const group = byCoalition ? 'c.grp, c.grp_kind' : "c.party AS grp, 'actor' AS grp_kind";
  const memberList = members ? (byCoalition ? ', c.members' : ', ARRAY[c.party] AS members') : '';
  return `
    SELECT c.review_id, ${group}, c.alleged, c.under_review, c.confirmed, c.dismissed, c.inconclusive, c.killed${memberList}
    FROM ${byCoalition ? 'violation_coalition_cells' : 'violation_parties'} c
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
}

/** The condition on a cell row (see violationCellsSql) that puts its review in a column. */
export const COLUMN_CONDITION: Record<ViolationColumn, string> = {
  alleged: 'c.alleged',
  underReview: 'c.under_review',
  confirmed: 'c.confirmed',
  dismissed: 'c.dismissed',
  inconclusive: 'c.inconclusive',
  killedInConfirmed: 'c.confirmed',
};
