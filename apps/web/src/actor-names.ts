import { api } from './api.js';

/** Registered actors as the read model holds them now (ids, names, aliases). */
export interface ActorName {
  id: string;
  name: string;
  shortName: string;
  aliases: string[];
  /** Created by an import for a name no actor had, until an administrator confirms or merges it. */
  provisional?: boolean;
  /** The actor this one was merged into. */
  mergedInto?: string;
}

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

/** Whether an import created this actor and nobody has confirmed or merged it yet. */
export const isProvisional = (id: string): boolean => {
  const actor = actors.get(id);
  return Boolean(actor?.provisional && !actor.mergedInto);
};

/** Every name the actor filter accepts, for its autocomplete. */
export const knownActorNames = (): string[] => [...actors.values()].flatMap((a) => [a.name, a.shortName, ...a.aliases]).filter(Boolean);
