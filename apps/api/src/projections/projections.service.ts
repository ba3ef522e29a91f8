import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sharingReads, type EventStore, type Position } from '#event-store';
import { describeError, describeFailure, keepProjecting, listParkedEvents, readCheckpoint, type ParkedEvent, type RunnerState } from '#read-models';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, READ_MODELS, TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { PROJECTIONS } from '#tracker';

/** Why the read side is not ready, in a word a caller can act on (the details are for administrators). */
export type NotReadyReason = 'database_unreachable' | 'events_parked' | 'projection_behind' | 'projection_failing';

export interface ProjectionReport {
  name: string;
  position: Position;
  /** Seconds it has gone without progress while events of its streams wait (0 when none waits). */
  lagSeconds: number;
  caughtUp: boolean;
  parked: number;
  /** How this process's runner fares (absent when another process runs the projections). */
  runner?: RunnerState;
}

export interface Readiness {
  ready: boolean;
  /** The first reason it is not ready. */
  reason?: NotReadyReason;
  /** Every problem, in words, naming projections and events: for administrators only. */
  problems: string[];
  eventStore: { ok: boolean; head?: Position; error?: string };
  readModel: { ok: boolean; error?: string };
  projections: ProjectionReport[];
  parkedEvents: ParkedEvent[];
}

/**
 * Runs the projections inside the API process (unless a separate projector does), says whether
 * the read side is ready, and lets queries wait, briefly, for the read model to reach a position
 * a command returned.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly stop = new AbortController();
  private running: Promise<unknown>[] = [];
  private readonly runners = new Map<string, RunnerState>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
    @Inject(TRACKER_OPTIONS) private readonly options: TrackerOptions,
  ) {}

  onApplicationBootstrap() {
    if (this.options.projections !== 'inline') return;
    const policy = this.options.projectionPolicy ?? {};
    const store = sharingReads(this.store);
    this.running = PROJECTIONS.map((projection) =>
      keepProjecting(store, this.db, projection, {
        signal: this.stop.signal,
        attempts: policy.attempts,
        backoffMs: policy.backoffMs,
        lockTimeoutMs: policy.lockTimeoutMs,
        onRunnerState: (state) => this.runners.set(projection.name, state),
        onFailure: (failure) => (failure.parked ? this.logger.error(describeFailure(failure)) : this.logger.warn(describeFailure(failure))),
      }),
    );
  }

  async onApplicationShutdown() {
    this.stop.abort();
    await Promise.allSettled(this.running);
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

  /**
   * Ready when the database answers, no event is parked, and every projection is within its lag
   * bound: it has made progress in the last `lagSeconds` or had nothing to do (lag is measured
   * from the later of its last checkpoint move and the first event still waiting for it, so a
   * long-idle projection is not "behind" the moment an event arrives, and one that stopped is
   * behind however old its last move).
   */
  async readiness(): Promise<Readiness> {
    const [eventStore, readModel] = await Promise.all([
      this.store.headPosition().then((head) => ({ ok: true, head }), (error: unknown) => ({ ok: false, error: describeError(error) })),
      this.db.query('SELECT 1').then(() => ({ ok: true }), (error: unknown) => ({ ok: false, error: describeError(error) })),
    ]);
    if (!eventStore.ok || !readModel.ok) {
      const problems = [
        ...('error' in eventStore ? [`event store unreachable: ${eventStore.error}`] : []),
        ...('error' in readModel ? [`read-model database unreachable: ${readModel.error}`] : []),
      ];
      return { ready: false, reason: 'database_unreachable', problems, eventStore, readModel, projections: [], parkedEvents: [] };
    }
    const head = (eventStore as { head: Position }).head;
    const lagBound = this.options.projectionPolicy?.lagSeconds ?? 30;
    const [checkpoints, parkedEvents] = await Promise.all([
      this.db.query('SELECT name, position, updated_at FROM projection_checkpoints') as Promise<{ name: string; position: string; updated_at: Date }[]>,
      listParkedEvents(this.db),
    ]);
    const projections: ProjectionReport[] = [];
    const problems: string[] = [];
    let reason: NotReadyReason | undefined;
    const fail = (why: NotReadyReason, problem: string) => {
      reason ??= why;
      problems.push(problem);
    };
    for (const parked of parkedEvents) {
      fail('events_parked', `${parked.projection}: parked ${parked.eventType} at ${parked.position} (stream ${parked.streamId}) since ${parked.parkedAt.toISOString()}: ${parked.error}`);
    }
    for (const projection of PROJECTIONS) {
      const row = checkpoints.find((r) => r.name === projection.name);
      const position = row?.position ?? '';
      let lagSeconds = 0;
      if (position < head) {
        const [waiting] = (await this.store.readAll({ after: position, limit: 1, streamPrefixes: projection.streamPrefixes })).events;
        if (waiting) {
          const since = Math.max(waiting.recordedAt.getTime(), row?.updated_at.getTime() ?? 0);
          lagSeconds = Math.max(0, Math.round((Date.now() - since) / 100) / 10);
        }
      }
      const runner = this.runners.get(projection.name);
      const report: ProjectionReport = {
        name: projection.name,
        position,
        lagSeconds,
        caughtUp: lagSeconds === 0,
        parked: parkedEvents.filter((p) => p.projection === projection.name).length,
        ...(runner ? { runner } : {}),
      };
      projections.push(report);
      const stuckFor = runner?.state === 'retrying' ? (Date.now() - runner.since.getTime()) / 1000 : 0;
      if (stuckFor > lagBound) fail('projection_failing', `${projection.name}: failing for ${Math.round(stuckFor)} s: ${runner?.error}`);
      else if (lagSeconds > lagBound) fail('projection_behind', `${projection.name}: no progress for ${lagSeconds} s while events wait (bound ${lagBound} s)`);
    }
    return { ready: problems.length === 0, ...(reason ? { reason } : {}), problems, eventStore, readModel, projections, parkedEvents };
  }
}
