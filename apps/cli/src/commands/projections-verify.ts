import type { Command } from 'commander';
import { verifyProjection, type Verification } from '#read-models';
import { interruptible, positiveInteger, projectionBars, selectProjections, withProjectionsContext, type ProjectionsContext } from './projections-context.js';

export async function verifyProjections(
  context: ProjectionsContext,
  options: { names: string[]; batchSize?: number; progress?: boolean; signal?: AbortSignal },
): Promise<Verification[]> {
  const chosen = selectProjections(context.projections, options.names, false);
  const bars = projectionBars({ enabled: options.progress ?? false, kind: context.storeKind, head: await context.store.headPosition(), names: chosen.map((p) => p.name) });
  try {
    const results: Verification[] = [];
    for (const projection of chosen) {
      results.push(
        await verifyProjection(context.store, context.readModels, projection, {
          batchSize: options.batchSize,
          signal: options.signal,
          onProgress: (p) => bars.update(p.projection, p.position, p.events, 'rebuilding to compare'),
        }),
      );
    }
    return results;
  } finally {
    bars.stop();
  }
}

export function describeVerification(v: Verification): string[] {
  const lines = v.tables.map(
    (t) => `  ${t.table}: ${t.liveRows.toLocaleString('en-US')} live rows, ${t.rebuiltRows.toLocaleString('en-US')} rebuilt, ${t.differing.toLocaleString('en-US')} differing`,
  );
  for (const t of v.tables) for (const e of t.examples) lines.push(`    ${t.table} ${e.key}: ${e.difference}`);
  return [
    `${v.projection} at ${v.position || '(start)'} (${v.events.toLocaleString('en-US')} events):`,
    ...lines,
    v.ok ? `  verified: every row equals a fresh rebuild` : '  VERIFICATION FAILED',
  ];
}

export function registerProjectionsVerify(program: Command): void {
  program
    .command('projections:verify')
    .description('Rebuild projections afresh up to their checkpoint and compare them row by row (md5 of each row) with the live tables')
    .argument('[names...]', 'projections to verify (default: all)')
    .option('--batch-size <n>', 'events per batch', positiveInteger, 2000)
    .option('--no-progress', 'no progress bars')
    .action(async (names: string[], flags: { batchSize: number; progress: boolean }) => {
      const interrupt = interruptible();
      try {
        await withProjectionsContext(async (context) => {
          const results = await verifyProjections(context, {
            names,
            batchSize: flags.batchSize,
            progress: flags.progress && Boolean(process.stderr.isTTY),
            signal: interrupt.signal,
          });
          for (const v of results) console.log(describeVerification(v).join('\n'));
          if (results.some((v) => !v.ok)) process.exitCode = 2;
        });
      } finally {
        interrupt.dispose();
      }
    });
}
