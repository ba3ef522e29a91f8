import cliProgress from 'cli-progress';
import type { EventStore, EventStoreKind, Position } from '#event-store';
import type { Projection } from '#read-models';
import type { DataSource } from 'typeorm';
import { openInfrastructure, PROJECTIONS, readConfig, type EvidenceStorage } from '#tracker';
import { progressOffset } from '../store-copy/progress.js';

/** What the projections commands work on: the tracker's own store and read-model database. */
export interface ProjectionsContext {
  store: EventStore;
  readModels: DataSource;
  storeKind: EventStoreKind;
  projections: readonly Projection[];
}

/**
 * Opens the store and the read models as the tracker does (DATABASE_URL, EVENT_STORE, …; the
 * same source sealing, so rebuilt rows read as the live ones), runs `work`, closes.
 */
export async function withProjectionsContext<T>(work: (context: ProjectionsContext & { evidence: EvidenceStorage }) => Promise<T>): Promise<T> {
  const config = readConfig();
  let infrastructure;
  try {
    infrastructure = await openInfrastructure(config, { log: (line) => console.error(line), warn: (line) => console.error(line) });
  } catch (error) {
    const hint = config.databaseUrl
      ? ''
      : `\n(if the tracker is running with its embedded PostgreSQL, set DATABASE_URL to that server: ` +
        `postgres://postgres:$(cat ${config.embeddedDataDir}.password)@127.0.0.1:${config.embeddedPort}/tracker)`;
    throw new Error(`${(error as Error).message}${hint}`, { cause: error });
  }
  try {
    return await work({ store: infrastructure.store, readModels: infrastructure.readModels, storeKind: config.eventStore, projections: PROJECTIONS, evidence: infrastructure.evidence });
  } finally {
    await infrastructure.close();
  }
}

/** The projections named (all of them with `all` or no name), refusing unknown names. */
export function selectProjections(projections: readonly Projection[], names: string[], all: boolean): Projection[] {
  if (all || names.length === 0) return [...projections];
  return names.map((name) => {
    const found = projections.find((p) => p.name === name);
    if (!found) throw new Error(`no projection named ${name} (known: ${projections.map((p) => p.name).join(', ')})`);
    return found;
  });
}

export interface ProjectionBars {
  update(projection: string, position: Position, events: number, phase: string): void;
  stop(): void;
}

/**
 * One bar per projection, with events/s and an ETA. Progress is measured along the store's read
 * order (positions; see store-copy's `progressOffset`), from where each run started to the head.
 */
export function projectionBars(options: { enabled: boolean; kind: EventStoreKind; head: Position; names: string[] }): ProjectionBars {
  if (!options.enabled) return { update: () => undefined, stop: () => undefined };
  const multibar = new cliProgress.MultiBar(
    {
      format: '{name} |{bar}| {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted} | {phase}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const width = Math.max(...options.names.map((n) => n.length));
  const head = progressOffset(options.kind, options.head);
  const bars = new Map<string, { bar: cliProgress.SingleBar; origin?: number; firstEvents: number; started: number; total: number }>();
  for (const name of options.names) {
    bars.set(name, { bar: multibar.create(Math.max(1, head), 0, { name: name.padEnd(width), events: 0, rate: 0, phase: 'starting' }), firstEvents: 0, started: Date.now(), total: head });
  }
  return {
    update(name, position, events, phase) {
      const state = bars.get(name);
      if (!state) return;
      const at = progressOffset(options.kind, position);
      if (state.origin === undefined) {
        // A resumed run starts part-way: measure this run only, so the rate and ETA are its own.
        state.origin = at;
        state.firstEvents = events;
        state.total = Math.max(1, head - at);
        state.bar.setTotal(state.total);
      }
      const done = Math.max(0, at - state.origin);
      if (done > state.total) state.bar.setTotal((state.total = done));
      const seconds = Math.max((Date.now() - state.started) / 1000, 0.001);
      state.bar.update(phase === 'done' ? state.total : done, {
        events: events.toLocaleString('en-US'),
        rate: Math.round((events - state.firstEvents) / seconds).toLocaleString('en-US'),
        phase: phase.replace('_', ' '),
      });
    },
    stop: () => multibar.stop(),
  };
}

/** Ctrl-C stops after the current batch (a second Ctrl-C quits at once). */
export function interruptible(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    console.error('\nstopping after the current batch (press Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    },
  };
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${value} is not a positive integer`);
  return n;
}
