import { INCIDENT_STREAM_PREFIX, evolveIncident, initialIncidentState, isIncidentEvent, occurredInstant, type IncidentState } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { importedColumnsOf, storableDegrees } from './incident-columns.js';
import { IncidentRow } from './incident.entity.js';

/**
 * Folds incident events into `incidents` rows with the domain's own `evolve`, so the read
 * model is by construction the record the rules see. A batch is folded in memory and written
 * with one upsert.
 */
export const incidentProjection: Projection = {
  name: 'incidents',
  streamPrefixes: [INCIDENT_STREAM_PREFIX],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const ids = [...new Set(events.filter(isIncidentEvent).map((e) => incidentIdOf(e)))];
    if (ids.length === 0) return;
    const rows = new Map((await manager.findBy(IncidentRow, { id: In(ids) })).map((row) => [row.id, row]));
    for (const event of events) {
      if (!isIncidentEvent(event)) continue;
      const id = incidentIdOf(event);
      const row = rows.get(id);
      const next = foldIntoRow(row, event);
      if (next) rows.set(id, next);
    }
    const touched = ids.map((id) => rows.get(id)).filter((row): row is IncidentRow => row !== undefined);
    for (let i = 0; i < touched.length; i += 1000) {
      await manager.upsert(IncidentRow, touched.slice(i, i + 1000), ['id']);
    }
  },
};

function incidentIdOf(event: RecordedEvent): string {
  return (event.data as { incidentId: string }).incidentId;
}

export function foldIntoRow(row: IncidentRow | undefined, event: RecordedEvent): IncidentRow | undefined {
  if (!isIncidentEvent(event)) return row;
  const before: IncidentState = row?.record ?? initialIncidentState();
  const state = evolveIncident(before, event);
  if (state.status === 'unreported') return row;
  const { details } = state;
  return Object.assign(new IncidentRow(), {
    id: state.id,
    version: event.version,
    status: state.status,
    verification: state.verification,
    type: details.type,
    subType: details.subType,
    occurredAt: occurredInstant(details.occurredAt),
    lat: storableDegrees(details.location.lat),
    lon: storableDegrees(details.location.lon),
    admin1: details.location.admin1,
    targets: details.targets,
    ...importedColumnsOf(details),
    killed: details.harm.killed,
    record: state,
    reportedAt: row?.reportedAt ?? event.recordedAt,
    reportedBy: row?.reportedBy ?? event.metadata.userId,
    lastChangedAt: event.recordedAt,
    lastChangedBy: event.metadata.userId,
    position: event.position,
  });
}
