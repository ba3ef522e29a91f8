import { ACTOR_STREAM_PREFIX, evolveActor, initialActorState, isActorEvent, type ActorEvent, type ActorState } from '#domain';
import type { RecordedEvent } from '#event-store';
import { In, type EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { ActorRow } from './actor.entity.js';

/** Folds actor events into `actors` rows with the domain's own `evolve`. */
export const actorProjection: Projection & { tables: readonly string[] } = {
  name: 'actors',
  streamPrefixes: [ACTOR_STREAM_PREFIX],
  tables: ['actors'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const ids = [...new Set(events.filter((e): e is RecordedEvent & ActorEvent => isActorEvent(e)).map((e) => e.data.actorId))];
    if (ids.length === 0) return;
    const rows = new Map((await manager.findBy(ActorRow, { id: In(ids) })).map((row) => [row.id, row]));
    for (const event of events) {
      if (!isActorEvent(event)) continue;
      const row = rows.get(event.data.actorId);
      const state: ActorState = evolveActor(row?.record ?? initialActorState(), event);
      if (state.status === 'unregistered') continue;
      rows.set(
        state.id,
        Object.assign(new ActorRow(), {
          id: state.id,
          version: event.version,
          name: state.name,
          shortName: state.shortName,
          aliases: state.aliases,
          kind: state.kind,
          inter: state.inter,
          matchKeys: [...new Set([state.name, state.shortName, ...state.aliases].map((name) => name.toLowerCase()))],
          record: state,
          lastChangedAt: event.recordedAt,
          lastChangedBy: event.metadata.userId,
          position: event.position,
        }),
      );
    }
    const touched = ids.map((id) => rows.get(id)).filter((row): row is ActorRow => row !== undefined);
    if (touched.length) await manager.upsert(ActorRow, touched, ['id']);
  },
};
