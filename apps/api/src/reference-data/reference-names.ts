import { ValidationError, foldName } from '#domain';
import { ActorRow, AgreementRow, type SummaryNames } from '#read-models';
import type { DataSource } from 'typeorm';

export interface ReferenceNames extends Required<SummaryNames> {
  /** An actor's full name (default: undefined for an id not registered). */
  actorName(id: string): string | undefined;
}

/**
 * Names of actors and agreements as the read models hold them now, so a rename or an actor
 * registered after an incident shows at once. Both tables are small (hundreds of rows).
 */
export async function readReferenceNames(db: DataSource): Promise<ReferenceNames> {
  const [actors, agreements] = await Promise.all([
    db.getRepository(ActorRow).find({ select: { id: true, name: true, shortName: true } }),
    db.getRepository(AgreementRow).find({ select: { id: true, name: true } }),
  ]);
  const short = new Map(actors.map((a) => [a.id, a.shortName || a.name]));
  const full = new Map(actors.map((a) => [a.id, a.name]));
  const agreementNames = new Map(agreements.map((a) => [a.id, shorten(a.name)]));
  return { actor: (id) => short.get(id), actorName: (id) => full.get(id), agreement: (id) => agreementNames.get(id) };
}

/** "Accord préliminaire … (Ouagadougou preliminary agreement)" → "Ouagadougou preliminary agreement". */
function shorten(name: string): string {
  const inParentheses = /\(([^()]+)\)\s*$/.exec(name);
  return inParentheses ? inParentheses[1] : name;
}

/**
 * The actor ids meant by what a user typed in the actor filter: ids, names, short names or
 * aliases, in any case and with or without accents. A name that is none of these is refused
 * (rather than silently matching nothing).
 */
export async function resolveActorFilter<T extends { actor?: string[] }>(db: DataSource, filters: T): Promise<T> {
  if (!filters.actor?.length) return filters;
  const actors = await db.getRepository(ActorRow).find({ select: { id: true, name: true, shortName: true, aliases: true } });
  const byKey = new Map<string, string>();
  for (const a of actors) for (const key of [a.id, a.name, a.shortName, ...a.aliases]) if (key) byKey.set(foldName(key), a.id);
  const ids = filters.actor.map((typed) => {
    const id = byKey.get(foldName(typed));
    if (!id) throw new ValidationError('unknown_actor', `no actor named ${typed}`, 'actor');
    return id;
  });
  return { ...filters, actor: [...new Set(ids)] };
}
