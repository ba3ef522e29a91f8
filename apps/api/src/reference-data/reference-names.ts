import { ValidationError, foldName } from '#domain';
import { ActorRow } from '#read-models';
import type { DataSource } from 'typeorm';

export interface ReferenceNames {
  /** An actor's full name (default: undefined for an id not registered). */
  actorName(id: string): string | undefined;
}

/**
 * Actors' names as the read models hold them now, so a rename or an actor registered after an
 * incident shows at once. The table is small (hundreds of rows).
 */
export async function readReferenceNames(db: DataSource): Promise<ReferenceNames> {
  const actors = await db.getRepository(ActorRow).find({ select: { id: true, name: true } });
  const full = new Map(actors.map((a) => [a.id, a.name]));
  return { actorName: (id) => full.get(id) };
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
