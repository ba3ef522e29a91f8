import type { IncidentSource } from '#domain';
import type { IncidentRow } from '#read-models';
import type { ReferenceNames } from '../../../reference-data/reference-names.js';
import { stringify } from 'csv-stringify/sync';

const byRole = (row: IncidentRow, role: string, name: (id: string) => string) =>
  row.record.details.actors.filter((a) => a.role === role).map((a) => name(a.actorId)).join(';');

/**
 * One row per incident, with ACLED-like column names so analysts can set it beside ACLED;
 * `sources[i]` are row i's sources opened (the read model keeps them sealed). Actors by their
 * current full names, as ACLED names them; their ids in `actor_ids`.
 */
export function incidentsCsv(rows: IncidentRow[], sources: IncidentSource[][], names: ReferenceNames): string {
  const name = (id: string) => names.actorName(id) ?? id;
  return stringify(
    rows.map((row, i) => {
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
        sources: sources[i].filter((s) => !s.confidential).map((s) => s.reference).join(' | '),
        last_changed_at: row.lastChangedAt.toISOString(),
      };
    }),
    { header: true },
  );
}
