import type { Command } from 'commander';
import { evidenceReport, verifyEvidence } from '#tracker';
import { withProjectionsContext } from './projections-context.js';

export function registerEvidenceVerify(program: Command): void {
  program
    .command('evidence:verify')
    .description("Recompute every kept evidence file's SHA-256 against the event that attached it, naming any file missing or altered (exit code 1)")
    .action(async () => {
      const { lines, exitCode } = await withProjectionsContext(async ({ store, evidence }) => evidenceReport(await verifyEvidence(store, evidence)));
      for (const line of lines) console.log(line);
      process.exitCode = exitCode;
    });
}
