import type { Command } from 'commander';
import { verifyEvidence, type EvidenceCheck } from '#tracker';
import { withProjectionsContext } from './projections-context.js';

/** The check in words, one line per mismatch, and the exit code: 1 when any file does not match its event. */
export function evidenceReport(check: EvidenceCheck): { lines: string[]; exitCode: number } {
  const lines = check.mismatches.map((m) => `incident ${m.incidentId} evidence ${m.evidenceId}: ${m.problem} (${m.detail})`);
  const summary = `${check.checked} file(s) checked, ${check.mismatches.length} mismatch(es), ${check.erased} erased`;
  return { lines: [...lines, summary], exitCode: check.mismatches.length ? 1 : 0 };
}

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
