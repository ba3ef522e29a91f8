import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import type { AuthSettings } from '../auth/auth-settings.js';

/** What an app instance runs against: opened by main.ts, or by a test on its own database. */
export interface TrackerOptions {
  store: EventStore;
  readModels: DataSource;
  projections: 'inline' | 'off';
  demoData: boolean;
  auth: AuthSettings;
  /** Bounded wait of read-your-writes queries (`minPosition`). */
  catchUpTimeoutMs?: number;
}
