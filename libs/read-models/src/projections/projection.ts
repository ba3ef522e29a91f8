import type { RecordedEvent } from '#event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model fed from the event store. `apply` runs inside the transaction that also moves
 * the projection's checkpoint, so rows and checkpoint commit or fail together.
 */
export interface Projection {
  name: string;
  streamPrefixes: string[];
  apply(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
}
