/**
 * A GeoJSON FeatureCollection around features already in JSON text — each row's `feature`
 * column, which PostgreSQL generates from the row (migration 1764000000510) — with the next
 * page's cursor if any: a page passes through Node without being parsed and serialised again.
 */
export function featureCollection(features: string[], nextCursor?: string): string {
  const cursor = nextCursor ? `,"nextCursor":${JSON.stringify(nextCursor)}` : '';
  return `{"type":"FeatureCollection","features":[${features.join(',')}]${cursor}}`;
}
