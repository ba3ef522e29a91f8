import { COALITION_STREAM_PREFIX, evolveCoalition, initialCoalitionState, isCoalitionEvent, type CoalitionEvent, type CoalitionState } from '#domain';
import type { RecordedEvent } from '#event-store';
import { In, type EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { CoalitionMembershipRow } from './coalition-membership.entity.js';
import { CoalitionRow } from './coalition.entity.js';

/**
 * Folds coalition events into `coalitions` rows and rewrites the touched coalitions'
 * `coalition_memberships`, the periods the coalition roll-up joins on by date.
 */
export const coalitionProjection: Projection & { tables: readonly string[] } = {
  name: 'coalitions',
  streamPrefixes: [COALITION_STREAM_PREFIX],
  tables: ['coalitions', 'coalition_memberships'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const ids = [...new Set(events.filter((e): e is RecordedEvent & CoalitionEvent => isCoalitionEvent(e)).map((e) => e.data.coalitionId))];
    if (ids.length === 0) return;
    const rows = new Map((await manager.findBy(CoalitionRow, { id: In(ids) })).map((row) => [row.id, row]));
    for (const event of events) {
      if (!isCoalitionEvent(event)) continue;
      const row = rows.get(event.data.coalitionId);
      const state: CoalitionState = evolveCoalition(row?.record ?? initialCoalitionState(), event);
      if (state.status === 'unformed') continue;
      rows.set(
        state.id,
        Object.assign(new CoalitionRow(), {
          id: state.id,
          version: event.version,
          name: state.name,
          shortName: state.shortName,
          record: state,
          lastChangedAt: event.recordedAt,
          lastChangedBy: event.metadata.userId,
          position: event.position,
        }),
      );
    }
    const touched = ids.map((id) => rows.get(id)).filter((row): row is CoalitionRow => row !== undefined);
    if (touched.length === 0) return;
    await manager.upsert(CoalitionRow, touched, ['id']);
    await manager.delete(CoalitionMembershipRow, { coalitionId: In(touched.map((row) => row.id)) });
    const memberships = touched.flatMap((row) =>
      row.record.memberships.map((m) =>
        Object.assign(new CoalitionMembershipRow(), { coalitionId: row.id, actorId: m.actorId, fromDate: m.from, toDate: m.to }),
      ),
    );
    if (memberships.length) await manager.insert(CoalitionMembershipRow, memberships);
  },
};
