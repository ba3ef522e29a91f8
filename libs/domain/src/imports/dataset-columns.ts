import type { ExternalDataset } from '../incident/incident.taxonomy.js';

/** The columns a row reader cannot do without; each alternative is a column or a set of which one will do. */
const REQUIRED: Record<ExternalDataset, (string | string[])[]> = {
  acled: ['event_id_cnty', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'latitude', 'longitude', 'geo_precision', 'timestamp'],
  ucdp: [['relid', 'id'], 'date_start', 'date_prec', 'type_of_violence', 'side_a', 'side_b', 'latitude', 'longitude', 'where_prec'],
};

/**
 * The columns a file's header lacks for this dataset (empty when it has them all), so a file of
 * the other dataset, or no dataset at all, is refused before anything is read from it.
 */
export function missingColumns(dataset: ExternalDataset, header: readonly string[]): string[] {
  const present = new Set(header.map((name) => name.trim()));
  return REQUIRED[dataset].filter((column) => ![column].flat().some((name) => present.has(name))).map((column) => [column].flat().join(' or '));
}
