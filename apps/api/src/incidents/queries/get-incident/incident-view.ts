import type { IncidentRow } from '#read-models';

/** One incident as its panel shows it: the current record and who last touched it. */
export function toIncidentView(row: IncidentRow) {
  const { record } = row;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    verification: row.verification,
    details: record.details,
    evidence: record.evidence ?? [],
    ...(record.status === 'retracted' ? { retraction: record.retraction } : {}),
    reportedAt: row.reportedAt,
    reportedBy: row.reportedBy,
    lastChangedAt: row.lastChangedAt,
    lastChangedBy: row.lastChangedBy,
  };
}

export type IncidentView = ReturnType<typeof toIncidentView>;
