import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, Position } from '#event-store';
import { readCheckpoint, runProjection } from '#read-models';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, READ_MODELS, TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { PROJECTIONS } from './projections.js';

/**
 * Runs the projections inside the API process (unless a separate projector does) and lets
 * queries wait, briefly, for the read model to reach a position a command returned.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly stop = new AbortController();
  private running: Promise<unknown>[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
    @Inject(TRACKER_OPTIONS) private readonly options: TrackerOptions,
  ) {}

  onApplicationBootstrap() {
    if (this.options.projections !== 'inline') return;
    this.running = PROJECTIONS.map((projection) => this.keepRunning(projection.name, () =>
      runProjection(this.store, this.db, projection, { live: true, signal: this.stop.signal }),
    ));
  }

  async onApplicationShutdown() {
    this.stop.abort();
    await Promise.allSettled(this.running);
  }

  /** A failed batch is retried from the committed checkpoint after a pause, never skipped. */
  private async keepRunning(name: string, run: () => Promise<unknown>) {
    while (!this.stop.signal.aborted) {
      try {
        await run();
      } catch (error) {
        this.logger.error(`projection ${name} failed; retrying from its checkpoint: ${(error as Error).message}`);
        await sleep(1000, undefined, { signal: this.stop.signal }).catch(() => undefined);
      }
    }
  }

  /** Waits until the projection has passed `position`; false if the bounded wait ran out. */
  async waitFor(projection: string, position: Position): Promise<boolean> {
    const deadline = Date.now() + (this.options.catchUpTimeoutMs ?? 5000);
    while ((await readCheckpoint(this.db, projection)) < position) {
      if (Date.now() > deadline) return false;
      await sleep(10);
    }
    return true;
  }

  async status() {
    const head = await this.store.headPosition();
    const rows: { name: string; position: string; updated_at: Date }[] = await this.db.query(
      'SELECT name, position, updated_at FROM projection_checkpoints',
    );
    return PROJECTIONS.map(({ name }) => {
      const row = rows.find((r) => r.name === name);
      const behind = (row?.position ?? '') < head;
      return {
        name,
        position: row?.position ?? '',
        caughtUp: !behind,
        lagSeconds: behind && row ? Math.max(0, (Date.now() - row.updated_at.getTime()) / 1000) : 0,
      };
    });
  }
}
