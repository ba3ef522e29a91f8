import { api } from './api.js';
import type { ActorName } from './actor-search.js';

export type { ActorName };

let actors = new Map<string, ActorName>();
let loaded: Promise<void> | undefined;
let loadedAt = 0;
/** Renames are rare: a panel opened a minute later asks again. */
const FRESH_FOR_MS = 60_000;

/** Loads (again, when a minute old, or at once when `fresh`: after an import) the actors' names; a failure leaves ids shown. */
export function loadActorNames(fresh = false): Promise<void> {
  if (!loaded || fresh || Date.now() - loadedAt > FRESH_FOR_MS) {
    loadedAt = Date.now();
    loaded = api.actors().then(
      ({ actors: list }) => void (actors = new Map(list.map((a) => [a.id, a]))),
      (error) => {
        loaded = undefined;
        console.warn('actors:', error);
      },
    );
  }
  return loaded;
}

/** An actor's name for people (its id until names are loaded, or if it is not registered). */
export const actorName = (id: string): string => actors.get(id)?.name ?? id;

/** The registered actors as last loaded, for the actor filter's suggestions. */
export const knownActors = (): ActorName[] => [...actors.values()];

/** Whether an import created this actor and nobody has confirmed or merged it yet. */
export const isProvisional = (id: string): boolean => {
  const actor = actors.get(id);
  return Boolean(actor?.provisional && !actor.mergedInto);
};
