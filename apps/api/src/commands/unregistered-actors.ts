import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { LRUCache } from 'lru-cache';
import { foldRecorded } from './execute-command.js';

/**
 * Actors known registered, per store: a registration is never undone (a merged actor stays
 * registered), so that answer holds for good; "not registered" is always read again.
 */
const registeredIn = new WeakMap<EventStore, LRUCache<string, true>>();

/** The ids among these that name no registered actor, read from the actors' own streams (in one read). */
export async function unregisteredActors(store: EventStore, actorIds: readonly string[]): Promise<string[]> {
  let registered = registeredIn.get(store);
  if (!registered) registeredIn.set(store, (registered = new LRUCache({ max: 10_000 })));
  const ids = [...new Set(actorIds.filter((id) => typeof id === 'string' && id.trim() && !registered.has(id)))];
  if (ids.length === 0) return [];
  const streams = await store.readStreams(ids.map(actorStreamId));
  return ids.filter((id) => {
    if (foldRecorded(actorDecider, streams.get(actorStreamId(id)) ?? []).status !== 'registered') return true;
    registered.set(id, true);
    return false;
  });
}
