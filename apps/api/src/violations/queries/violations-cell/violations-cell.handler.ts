import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { COLUMN_CONDITION, violationCellsSql } from '#read-models';
import { ViolationsCellQuery, type ViolationsCell, type ViolationsCellReview } from './violations-cell.query.js';

/** The reviews and incidents behind one number of the by-group table. */
@QueryHandler(ViolationsCellQuery)
export class ViolationsCellHandler implements IQueryHandler<ViolationsCellQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ViolationsCellQuery): Promise<ViolationsCell> {
    const params: unknown[] = [];
    const cells = violationCellsSql(filters, params, { members: true });
    params.push(filters.group);
    const groupCondition = `c.grp = $${params.length}`;
    if (filters.groupKind) params.push(filters.groupKind);
    const rows: (ViolationsCellReview & { groupKind: 'actor' | 'coalition' })[] = await this.db.query(
      `WITH cells AS (${cells})
       SELECT c.grp_kind AS "groupKind", r.id AS "reviewId", r.incident_id AS "incidentId", r.agreement_id AS "agreementId", r.status, r.outcome,
              r.incident_occurred_on::text AS "incidentOccurredOn", r.incident_killed AS "incidentKilled",
              r.incident_retracted AS "incidentRetracted", c.members AS "parties",
              r.alleged_parties AS "allegedParties", r.responsible_parties AS "responsibleParties"
       FROM cells c JOIN reviews r ON r.id = c.review_id
       WHERE ${groupCondition} ${filters.groupKind ? `AND c.grp_kind = $${params.length}` : ''} AND ${COLUMN_CONDITION[filters.column]}
       ORDER BY r.incident_occurred_on, r.id`,
      params,
    );
    const reviews = rows.map(({ groupKind: _kind, ...review }) => review);
    return {
      group: filters.group,
      groupKind: filters.groupKind ?? rows[0]?.groupKind ?? (filters.rollup === 'coalition' ? 'coalition' : 'actor'),
      column: filters.column,
      reviews,
      incidentIds: [...new Set(reviews.map((r) => r.incidentId))],
    };
  }
}
