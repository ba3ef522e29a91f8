import cliProgress from 'cli-progress';
import type { EventStoreKind, Position } from '#event-store';

/**
 * A number that grows along the source's read order, for the progress bar and its ETA only.
 * Positions are opaque to the rest of the tracker; here their known shapes are used for an
 * estimate: PostgreSQL's `<transaction>-<global position>` counts events in its second part,
 * EventStoreDB's `<commit>-<prepare>` counts bytes of its log in its first.
 */
export function progressOffset(kind: EventStoreKind, position: Position): number {
  const match = /^(\d+)-(\d+)$/.exec(position);
  if (!match) return 0;
  return Number(kind === 'postgres' ? match[2] : match[1]);
}

export interface CopyProgress {
  /** `copied`: by all runs of this copy; `copiedNow`: by this run, for the rate. */
  update(position: Position, copied: number, copiedNow: number): void;
  stop(): void;
}

export function startProgress(options: {
  enabled: boolean;
  kind: EventStoreKind;
  from: Position;
  head: Position;
}): CopyProgress {
  if (!options.enabled) return { update: () => undefined, stop: () => undefined };
  const origin = progressOffset(options.kind, options.from);
  let total = Math.max(1, progressOffset(options.kind, options.head) - origin);
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format:
        'copying |{bar}| {percentage}% | {copied} events | {rate} events/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { copied: 0, rate: 0 });
  return {
    update(position, copied, copiedNow) {
      const value = progressOffset(options.kind, position) - origin;
      // The source may grow while it is copied.
      if (value > total) bar.setTotal((total = value));
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.max(0, value), { copied, rate: Math.round(copiedNow / seconds) });
    },
    stop() {
      bar.stop();
    },
  };
}
