import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';

/** What an app instance runs against: opened by main.ts, or by a test on its own database. */
export interface TrackerOptions {
  store: EventStore;
  readModels: DataSource;
  projections: 'inline' | 'off';
  demoData: boolean;
  /** Bounded wait of read-your-writes queries (`minPosition`). */
  catchUpTimeoutMs?: number;
}
