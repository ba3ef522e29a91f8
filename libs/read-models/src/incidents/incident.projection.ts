import { INCIDENT_STREAM_PREFIX, evolveIncident, initialIncidentState, isIncidentEvent, type IncidentEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { INCIDENT_COLUMN_NAMES, incidentColumnValues, type IncidentColumnValues } from './incident-columns.js';

const COLUMNS = INCIDENT_COLUMN_NAMES.join(', ');

/**
 * Folds incident events into `incidents` rows with the domain's own `evolve`, so the read
 * model is by construction the record the rules see. A batch is folded in memory: one read of
 * the records it touches, one upsert of them all (the rows as one JSON parameter: a statement
 * with a parameter per value spends more in the driver than PostgreSQL spends writing).
 */
export const incidentProjection: Projection = {
  name: 'incidents',
  streamPrefixes: [INCIDENT_STREAM_PREFIX],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const ids = [...new Set(events.filter(isIncidentEvent).map((e) => e.data.incidentId))];
    if (ids.length === 0) return;
    type Stored = Pick<IncidentColumnValues, 'id' | 'record' | 'reported_at' | 'reported_by'>;
    const stored: Stored[] = await manager.query('SELECT id, record, reported_at, reported_by FROM incidents WHERE id = ANY($1::uuid[])', [ids]);
    const rows = new Map<string, Stored>(stored.map((row) => [row.id, row]));
    const touched = new Map<string, IncidentColumnValues>();
    for (const event of events) {
      if (!isIncidentEvent(event)) continue;
      const id = (event as IncidentEvent).data.incidentId;
      const row = rows.get(id);
      const state = evolveIncident(row?.record ?? initialIncidentState(), event);
      if (state.status === 'unreported') continue;
      const next = incidentColumnValues(state, event, row);
      rows.set(id, next);
      touched.set(id, next);
    }
    if (touched.size === 0) return;
    await manager.query(
      `INSERT INTO incidents (${COLUMNS}) SELECT ${COLUMNS} FROM jsonb_populate_recordset(NULL::incidents, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET ${INCIDENT_COLUMN_NAMES.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
      [JSON.stringify([...touched.values()])],
    );
  },
};
