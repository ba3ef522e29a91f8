/**
 * A name as imports and lookups compare it: case, accents and punctuation folded, spaces collapsed, so
 * "Mouvement National pour la Libération de l'Azawad" and "MOUVEMENT NATIONAL POUR LA LIBERATION
 * DE L AZAWAD" are one name.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The readable id a provisional actor gets from its name: `Militia (Ganda Koy)` → `militia-ganda-koy`. */
export function actorIdFromName(name: string): string {
  const slug = foldName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '');
  return slug || 'actor';
}
