import type { Position as EsdbPosition } from '@kurrent/kurrentdb-client';
import type { Position } from '../event-store.js';

/**
 * An EventStoreDB position is the pair (commit, prepare) of log offsets, ordered by commit then
 * prepare in `$all`. Both are zero-padded to 20 digits so that string order equals `$all` order,
 * the same shape as the PostgreSQL adapter's positions. `START` ('') sorts before every one.
 */
const WIDTH = 20;

export function toPosition(position: EsdbPosition): Position {
  return `${position.commit.toString().padStart(WIDTH, '0')}-${position.prepare.toString().padStart(WIDTH, '0')}`;
}

/** `undefined` for START: read `$all` from its beginning. */
export function fromPosition(position: Position): EsdbPosition | undefined {
  if (position === '') return undefined;
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB event store position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function maxPosition(...positions: Position[]): Position {
  return positions.reduce((a, b) => (b > a ? b : a), '');
}
