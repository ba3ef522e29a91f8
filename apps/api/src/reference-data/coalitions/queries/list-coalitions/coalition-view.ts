import type { CoalitionRow } from '#read-models';

/** A coalition with its memberships: `from` included, `to` excluded (null while it lasts). */
export function toCoalitionView({ record, version, lastChangedAt, lastChangedBy }: CoalitionRow) {
  const { status: _status, ...coalition } = record;
  return { ...coalition, version, lastChangedAt, lastChangedBy };
}

export type CoalitionView = ReturnType<typeof toCoalitionView>;
