import { stringify } from 'csv-stringify/sync';
import type { IncidentStats } from './incident-stats.query.js';

/** One line per group (a single line of totals when ungrouped). */
export function incidentStatsCsv(stats: IncidentStats): string {
  const columns = [...stats.groupBy, 'incidents', 'killed', 'injured', 'abducted'];
  const rows = stats.groupBy.length ? stats.groups : [stats.total];
  return stringify(rows, { header: true, columns });
}
