import type { AliasesInUse } from '#domain';
import type { DataSource } from 'typeorm';

/**
 * Which of these names already name an actor (its name, short name or an alias), from the
 * actors read model: the rule "an alias names one group" sees what the read model has reached.
 */
export async function aliasesInUse(db: DataSource, names: readonly string[]): Promise<AliasesInUse> {
  const keys = [...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean))];
  if (keys.length === 0) return [];
  return db.query('SELECT a.id AS "actorId", k AS alias FROM actors a, unnest(a.match_keys) k WHERE k = ANY($1::text[])', [keys]);
}
