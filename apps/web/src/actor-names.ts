import { api } from './api.js';

/** Registered actors as the read model holds them now (ids, names, aliases). */
export interface ActorName {
  id: string;
  name: string;
  shortName: string;
  aliases: string[];
}

let actors = new Map<string, ActorName>();
let loaded: Promise<void> | undefined;
let loadedAt = 0;
/** Renames are rare: a panel opened a minute later asks again. */
const FRESH_FOR_MS = 60_000;

/** Loads (again, when a minute old) the actors' names; a failure leaves ids shown. */
export function loadActorNames(): Promise<void> {
  if (!loaded || Date.now() - loadedAt > FRESH_FOR_MS) {
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

/** Every name the actor filter accepts, for its autocomplete. */
export const knownActorNames = (): string[] => [...actors.values()].flatMap((a) => [a.name, a.shortName, ...a.aliases]).filter(Boolean);
