import type { IncidentSource } from '#domain';
import type { IncidentRow, IncidentVersionRow } from '#read-models';
import type { ReferenceNames } from '../../../reference-data/reference-names.js';
import { stringify } from 'csv-stringify/sync';

const byRole = (row: IncidentRow | IncidentVersionRow, role: string, name: (id: string) => string) =>
  row.record.details.actors.filter((a) => a.role === role).map((a) => name(a.actorId)).join(';');

const CSV_COLUMNS = [
  'event_id', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'perpetrators', 'targeted_actors', 'parties', 'actor_ids', 'targets', 'admin1',
  'location', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'injured', 'abducted', 'status', 'verification', 'version', 'notes', 'sources', 'last_changed_at',
];

/**
 * One row per incident in the tracker's own columns, named like ACLED's where they mean the same;
 * each row with its sources opened (the read model keeps them sealed). Actors by their current
 * full names, as ACLED names them; their ids in `actor_ids`. `header`: the first batch of a file.
 */
export function incidentsCsv(rows: { row: IncidentRow | IncidentVersionRow; sources: IncidentSource[] }[], names: ReferenceNames, header: boolean): string {
  const name = (id: string) => names.actorName(id) ?? id;
  return stringify(
    rows.map(({ row, sources }) => {
      const d = row.record.details;
      return {
        event_id: row.id,
        event_date: d.occurredAt,
        time_precision: d.timePrecision,
        event_type: d.type,
        sub_event_type: d.subType,
        perpetrators: byRole(row, 'perpetrator', name),
        targeted_actors: byRole(row, 'target', name),
        parties: byRole(row, 'party', name),
        actor_ids: d.actors.map((a) => a.actorId).join(';'),
        targets: d.targets.join(';'),
        admin1: d.location.admin1,
        location: d.location.place,
        latitude: d.location.lat,
        longitude: d.location.lon,
        geo_precision: d.location.precision,
        fatalities: d.harm.killed,
        injured: d.harm.injured,
        abducted: d.harm.abducted,
        status: row.status,
        verification: row.verification,
        version: row.version,
        notes: d.description,
        sources: sources.filter((s) => !s.confidential).map((s) => s.reference).join(' | '),
        last_changed_at: row.lastChangedAt.toISOString(),
      };
    }),
    { header, columns: CSV_COLUMNS },
  );
}
