import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import type { AuthSettings, EvidenceStorage, UploadSettings } from '#tracker';

/** What an app instance runs against: opened by main.ts, or by a test on its own database. */
export interface TrackerOptions {
  store: EventStore;
  readModels: DataSource;
  projections: 'inline' | 'off';
  demoData: boolean;
  /** What the data covers, for the app's header (default: the demo set's). */
  context?: string;
  auth: AuthSettings;
  /** Files uploaded for import (default: DEFAULT_UPLOADS). */
  uploads?: UploadSettings;
  /** When a projection parks an event, and how long it may stall before health says not ready. */
  projectionPolicy?: ProjectionPolicy;
  /** Where evidence files are kept (default: the read-model database) and the largest file accepted (default 25 MiB). */
  evidence?: { storage?: EvidenceStorage; maxBytes?: number };
  /** Bounded wait of read-your-writes queries (`minPosition`). */
  catchUpTimeoutMs?: number;
}

export interface ProjectionPolicy {
  /** Tries at an event that keeps failing before it is parked (default 5). */
  attempts?: number;
  /** First pause after a failure, doubled each time (default 100 ms). */
  backoffMs?: number;
  /** Longest wait for a lock inside a projection's batch before it is tried again (default 10 s). */
  lockTimeoutMs?: number;
  /** Seconds without progress while events wait before health says not ready (default 30). */
  lagSeconds?: number;
}
