import { actorDecider, actorStreamId, type ActorEvent } from '#domain';
import type { EventStore } from '#event-store';

/** The ids among these that name no registered actor, read from the actors' own streams (in one read). */
export async function unregisteredActors(store: EventStore, actorIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(actorIds.filter((id) => typeof id === 'string' && id.trim()))];
  if (ids.length === 0) return [];
  const streams = await store.readStreams(ids.map(actorStreamId));
  return ids.filter((id) => {
    const events = (streams.get(actorStreamId(id)) ?? []) as unknown as ActorEvent[];
    return events.reduce(actorDecider.evolve, actorDecider.initialState()).status !== 'registered';
  });
}
