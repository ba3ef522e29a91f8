import type { IncidentColumns } from '#read-models';

/** An incident as a GeoJSON feature: what the map and the GeoJSON export show. */
export function toFeature(row: IncidentColumns & { id: string; version: number }) {
  const { details } = row.record;
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: { type: 'Point' as const, coordinates: [details.location.lon, details.location.lat] },
    properties: {
      type: details.type,
      subType: details.subType,
      occurredAt: details.occurredAt,
      timePrecision: details.timePrecision,
      fatalities: details.harm.killed,
      injured: details.harm.injured,
      abducted: details.harm.abducted,
      place: details.location.place,
      admin1: details.location.admin1,
      geoPrecision: details.location.precision,
      actors: details.actors,
      targets: details.targets,
      status: row.status,
      verification: row.verification,
      version: row.version,
    },
  };
}
