import type { ReviewRow } from '#read-models';

/**
 * A review as the list and the review screen show it. `finding` is the latest finding (while
 * `reopened`, the one under reconsideration); `flagged`: awaiting a finding on an incident
 * that has since been retracted.
 */
export function toReviewView(row: ReviewRow) {
  const { record } = row;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    incidentId: row.incidentId,
    agreementId: row.agreementId,
    allegedBy: row.allegedBy,
    allegedParties: row.allegedParties,
    allegationNote: record.allegation.note,
    finding: record.status === 'open' ? null : record.finding,
    ...(record.status === 'reopened' ? { reopenReason: record.reopenReason } : {}),
    incidentOccurredOn: row.incidentOccurredOn,
    incidentKilled: row.incidentKilled,
    incidentRetracted: row.incidentRetracted,
    flagged: row.incidentRetracted && row.status !== 'decided',
    allegedAt: row.allegedAt,
    allegedByUser: row.allegedByUser,
    lastChangedAt: row.lastChangedAt,
    lastChangedBy: row.lastChangedBy,
  };
}

export type ReviewView = ReturnType<typeof toReviewView>;
