import type { EventStoreKind } from '#event-store';

/** One side of a copy: which store, and where. */
export interface StoreEndpoint {
  kind: EventStoreKind;
  url: string;
}

/**
 * Names an endpoint without its credentials or options, e.g. `postgres://db:5432/tracker` or
 * `esdb://node1:2113,node2:2113`: the key of a copy's checkpoint and what the log shows.
 */
export function describeEndpoint({ url }: StoreEndpoint): string {
  return url.replace(/\/\/[^@/]*@/, '//').replace(/[?#].*$/, '');
}

export function sameEndpoint(a: StoreEndpoint, b: StoreEndpoint): boolean {
  return a.kind === b.kind && describeEndpoint(a) === describeEndpoint(b);
}
