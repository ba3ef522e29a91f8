import { stringify } from 'csv-stringify/sync';
import type { ViolationsByGroupRow } from './violations-by-group.query.js';

/** The by-group table as CSV, one line per group. */
export function violationsCsv(rows: ViolationsByGroupRow[]): string {
  return stringify(
    rows.map((row) => ({
      group: row.group,
      group_kind: row.groupKind,
      group_name: row.groupName,
      alleged: row.alleged,
      under_review: row.underReview,
      confirmed: row.confirmed,
      dismissed: row.dismissed,
      inconclusive: row.inconclusive,
      killed_in_confirmed: row.killedInConfirmed,
    })),
    {
      header: true,
      columns: ['group', 'group_kind', 'group_name', 'alleged', 'under_review', 'confirmed', 'dismissed', 'inconclusive', 'killed_in_confirmed'],
    },
  );
}
