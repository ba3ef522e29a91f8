import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { readState } from './execute-command.js';

/** The ids among these that name no registered actor, read from the actors' own streams. */
export async function unregisteredActors(store: EventStore, actorIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(actorIds.filter((id) => typeof id === 'string' && id.trim()))];
  const states = await Promise.all(ids.map((id) => readState(store, actorDecider, actorStreamId(id))));
  return ids.filter((_id, i) => states[i].status !== 'registered');
}
