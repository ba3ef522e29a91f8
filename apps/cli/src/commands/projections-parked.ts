import type { Command } from 'commander';
import { listParkedEvents, type ParkedEvent } from '#read-models';
import { selectProjections, withProjectionsContext, type ProjectionsContext } from './projections-context.js';
import { rebuildProjections } from './projections-rebuild.js';

export async function parkedEvents(context: ProjectionsContext, names: string[] = []): Promise<ParkedEvent[]> {
  return listParkedEvents(context.readModels, selectProjections(context.projections, names, false).map((p) => p.name));
}

/** One block per parked event: where it is, since when, and the error that parked it. */
export function describeParked(parked: ParkedEvent[]): string[] {
  if (parked.length === 0) return ['no parked events'];
  return [
    ...parked.flatMap((p) => [
      `${p.projection}  ${p.position}  ${p.eventType}  ${p.streamId}  (event ${p.eventId})`,
      `  parked ${p.parkedAt.toISOString()} after ${p.attempts} tries, last ${p.lastFailedAt.toISOString()}: ${p.error}`,
    ]),
    `${parked.length.toLocaleString('en-US')} parked; once the cause is fixed, npm run cli -- projections:retry`,
  ];
}

export interface RetryResult {
  projection: string;
  /** Parked before the retry, and still parked after it. */
  before: number;
  after: number;
  error?: string;
}

/**
 * Replays the parked events of the chosen projections (those that have any) by rebuilding them:
 * in store order, into fresh tables, switched over once caught up. A parked event applied alone
 * on today's rows would land out of order, after the events that followed it. What applies now
 * leaves the parked list; what fails again stays, with its new error.
 */
export async function retryParked(context: ProjectionsContext, options: { names: string[]; batchSize?: number; signal?: AbortSignal; log?: (line: string) => void }): Promise<RetryResult[]> {
  const before = await parkedEvents(context, options.names);
  const names = [...new Set(before.map((p) => p.projection))];
  if (names.length === 0) return [];
  const results = await rebuildProjections(context, { names, batchSize: options.batchSize, signal: options.signal, log: options.log });
  const after = await parkedEvents(context, names);
  return names.map((projection, i) => {
    const result = results[i];
    return {
      projection,
      before: before.filter((p) => p.projection === projection).length,
      after: after.filter((p) => p.projection === projection).length,
      ...(result.status === 'rejected'
        ? { error: (result.reason as Error).message }
        : !result.value.completed
          ? { error: 'stopped before the switch-over: run again to resume' }
          : {}),
    };
  });
}

export function registerProjectionsParked(program: Command): void {
  program
    .command('projections:parked')
    .description('List the events projections parked because they could not apply them (what, where, the error)')
    .argument('[names...]', 'projections (default: all)')
    .option('--json', 'print JSON')
    .action(async (names: string[], flags: { json?: boolean }) => {
      await withProjectionsContext(async (context) => {
        const parked = await parkedEvents(context, names);
        console.log(flags.json ? JSON.stringify(parked, null, 2) : describeParked(parked).join('\n'));
        if (parked.length) process.exitCode = 2;
      });
    });
  program
    .command('projections:retry')
    .description('After a fix: replay the parked events (by rebuilding their projections in store order, while the API keeps serving); those that apply now leave the list')
    .argument('[names...]', 'projections (default: every one with parked events)')
    .action(async (names: string[]) => {
      await withProjectionsContext(async (context) => {
        const results = await retryParked(context, { names, log: (line) => console.error(line) });
        if (results.length === 0) console.log('no parked events');
        for (const r of results) {
          console.log(`${r.projection}: ${r.before - r.after} of ${r.before} parked events now applied, ${r.after} still parked${r.error ? ` (FAILED: ${r.error})` : ''}`);
          if (r.after > 0 || r.error) process.exitCode = 2;
        }
      });
    });
}
