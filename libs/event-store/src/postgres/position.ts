import type { Position } from '../event-store.js';

// Zero-padded so that string order equals the read order (transaction id, then global position).
const WIDTH = 20;

export function toPosition(transactionId: string, globalPosition: string): Position {
  return `${transactionId.padStart(WIDTH, '0')}-${globalPosition.padStart(WIDTH, '0')}`;
}

export function fromPosition(position: Position): { transactionId: string; globalPosition: string } {
  if (position === '') return { transactionId: '0', globalPosition: '0' };
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(position);
  if (!match) throw new RangeError(`not a PostgreSQL event store position: ${position}`);
  return { transactionId: BigInt(match[1]).toString(), globalPosition: BigInt(match[2]).toString() };
}
