import { foldName } from '../../../libs/domain/src/reference/actor-names.js';
import type { ActorKind } from '../../../libs/domain/src/reference/actor.js';

// Pure (no DOM): which registered actors a typed text names, unit-tested in Node.

/** A registered actor as `GET /api/actors` lists it (the fields the web app uses). */
export interface ActorName {
  id: string;
  name: string;
  shortName: string;
  aliases: string[];
  kind: ActorKind;
  /** Created by an import for a name no actor had, until an administrator confirms or merges it. */
  provisional?: boolean;
  /** Merged into another actor: it is not offered any more, its survivor is. */
  mergedInto?: string;
}

/** The reference actor a monitor names when the perpetrator is not (yet) known (data/actors.json). */
export const UNIDENTIFIED_ACTOR = 'unidentified-armed-group';

export interface ActorMatch {
  actor: ActorName;
  /** The alias the text matched, when it matched neither the name nor the short name. */
  alias?: string;
}

/**
 * The actors whose name, short name, alias or id contains the typed text, folded for case, accents
 * and punctuation as the server compares names (`foldName`): exact names first, then names
 * starting with the text, then the rest, each group alphabetical.
 */
export function matchActors(actors: readonly ActorName[], typed: string, limit = 12): ActorMatch[] {
  const text = foldName(typed);
  const ranked: { rank: number; match: ActorMatch }[] = [];
  for (const actor of actors) {
    if (actor.mergedInto) continue;
    if (!text) {
      ranked.push({ rank: 2, match: { actor } });
      continue;
    }
    let best: { rank: number; alias?: string } | undefined;
    for (const [key, alias] of [[actor.name], [actor.shortName], [actor.id], ...actor.aliases.map((a) => [a, a])] as [string, string?][]) {
      const folded = foldName(key ?? '');
      const rank = folded === text ? 0 : folded.startsWith(text) ? 1 : folded.includes(text) ? 2 : 3;
      if (rank < 3 && (!best || rank < best.rank)) best = { rank, alias };
    }
    if (best) ranked.push({ rank: best.rank, match: best.alias ? { actor, alias: best.alias } : { actor } });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.match.actor.name.localeCompare(b.match.actor.name))
    .slice(0, limit)
    .map(({ match }) => match);
}

/** The one actor a whole text names (its id, name, short name or an alias), if exactly one does. */
export function actorNamed(actors: readonly ActorName[], typed: string): ActorName | undefined {
  const text = foldName(typed);
  if (!text) return undefined;
  const named = actors.filter((a) => !a.mergedInto && [a.id, a.name, a.shortName, ...a.aliases].some((key) => foldName(key ?? '') === text));
  return named.length === 1 ? named[0] : undefined;
}
