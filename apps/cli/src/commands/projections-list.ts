import type { Command } from 'commander';
import { projectionStatus, type ProjectionStatus } from '#read-models';
import { withProjectionsContext, type ProjectionsContext } from './projections-context.js';

export async function listProjections(context: ProjectionsContext): Promise<ProjectionStatus[]> {
  return projectionStatus(context.store, context.readModels, context.projections);
}

/** One line per projection: name, checkpoint, events behind, events parked, last move, and a rebuild under way. */
export function describeStatuses(statuses: ProjectionStatus[]): string[] {
  const rows = statuses.map((s) => [
    s.name,
    s.position || '(start)',
    `${s.lag.toLocaleString('en-US')}${s.lagCapped ? '+' : ''}`,
    s.parked.toLocaleString('en-US'),
    s.updatedAt ? s.updatedAt.toISOString().replace('T', ' ').slice(0, 19) : '—',
    s.rebuild
      ? `${s.rebuild.events.toLocaleString('en-US')} events since ${s.rebuild.startedAt.toISOString().slice(0, 19)} (running, or stopped: projections:rebuild ${s.name} resumes it)`
      : '—',
  ]);
  const header = ['projection', 'checkpoint', 'behind (events)', 'parked (events)', 'updated (UTC)', 'rebuild'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [format(header), ...rows.map(format), `store head: ${statuses[0]?.head || '(empty)'}`];
}

export function registerProjectionsList(program: Command): void {
  program
    .command('projections:list')
    .description('List the projections with their checkpoint, how many events they are behind and how many they parked')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withProjectionsContext(async (context) => {
        const statuses = await listProjections(context);
        console.log(flags.json ? JSON.stringify(statuses, null, 2) : describeStatuses(statuses).join('\n'));
      });
    });
}
