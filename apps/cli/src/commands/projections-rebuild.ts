import type { Command } from 'commander';
import { rebuildProjection, type RebuildResult } from '#read-models';
import { interruptible, positiveInteger, projectionBars, selectProjections, withProjectionsContext, type ProjectionsContext } from './projections-context.js';

export interface ProjectionsRebuildOptions {
  names: string[];
  all?: boolean;
  batchSize?: number;
  restart?: boolean;
  progress?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/**
 * Rebuilds the chosen projections side by side (each into its own fresh tables, switched over
 * when caught up; see `rebuildProjection`). All are attempted even if one fails.
 */
export async function rebuildProjections(context: ProjectionsContext, options: ProjectionsRebuildOptions): Promise<PromiseSettledResult<RebuildResult>[]> {
  const chosen = selectProjections(context.projections, options.names, options.all ?? false);
  const bars = projectionBars({ enabled: options.progress ?? false, kind: context.storeKind, head: await context.store.headPosition(), names: chosen.map((p) => p.name) });
  const log = options.log ?? (() => undefined);
  try {
    return await Promise.allSettled(
      chosen.map((projection) =>
        rebuildProjection(context.store, context.readModels, projection, {
          batchSize: options.batchSize,
          restart: options.restart,
          signal: options.signal,
          log,
          onProgress: (p) => bars.update(p.projection, p.position, p.events, p.phase),
        }),
      ),
    );
  } finally {
    bars.stop();
  }
}

export function registerProjectionsRebuild(program: Command): void {
  program
    .command('projections:rebuild')
    .description('Rebuild projections from the events into fresh tables, switching over once caught up while the API keeps serving; resumes an interrupted rebuild')
    .argument('[names...]', 'projections to rebuild (see projections:list)')
    .option('--all', 'rebuild every projection')
    .option('--batch-size <n>', 'events per batch', positiveInteger, 2000)
    .option('--restart', 'throw away an interrupted rebuild and start from the first event')
    .option('--no-progress', 'no progress bars')
    .action(async (names: string[], flags: { all?: boolean; batchSize: number; restart?: boolean; progress: boolean }) => {
      if (!flags.all && names.length === 0) throw new Error('name the projections to rebuild, or give --all');
      const interrupt = interruptible();
      try {
        await withProjectionsContext(async (context) => {
          const lines: string[] = [];
          const results = await rebuildProjections(context, {
            names,
            all: flags.all,
            batchSize: flags.batchSize,
            restart: flags.restart,
            progress: flags.progress && Boolean(process.stderr.isTTY),
            signal: interrupt.signal,
            // While the bars draw, lines wait until the end.
            log: (line) => (flags.progress && process.stderr.isTTY ? lines.push(line) : console.error(line)),
          });
          for (const line of lines) console.error(line);
          for (const result of results) {
            if (result.status === 'rejected') {
              console.error(`FAILED: ${(result.reason as Error).message}`);
              process.exitCode = 1;
            } else {
              const r = result.value;
              const rate = Math.round(r.events / Math.max(r.seconds, 0.001)).toLocaleString('en-US');
              console.error(
                r.completed
                  ? `${r.projection}: rebuilt from ${r.events.toLocaleString('en-US')} events${r.resumed ? ' (resumed)' : ''} in ${r.seconds.toFixed(1)} s (${rate} events/s), now serving the new tables`
                  : `${r.projection}: stopped at ${r.events.toLocaleString('en-US')} events; run the same command again to resume`,
              );
              if (!r.completed) process.exitCode ??= 130;
            }
          }
        });
      } finally {
        interrupt.dispose();
      }
    });
}
