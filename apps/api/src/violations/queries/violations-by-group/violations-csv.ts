import { VIOLATION_COLUMNS } from '#domain';
import { stringify } from 'csv-stringify/sync';
import type { ViolationsByGroupRow } from './violations-by-group.query.js';

const COLUMNS = ['group', 'groupKind', 'groupName', ...VIOLATION_COLUMNS] as const;
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The by-group table as CSV, one line per group, the columns in snake_case (killed_in_confirmed). */
export function violationsCsv(rows: ViolationsByGroupRow[]): string {
  return stringify(
    rows.map((row) => COLUMNS.map((column) => row[column])),
    { header: true, columns: COLUMNS.map(snakeCase) },
  );
}
