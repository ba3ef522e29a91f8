import { readFile } from 'node:fs/promises';
import type { IncidentDetails, RetractionReason, VerificationLevel } from '#domain';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata } from '../http/command-metadata.js';
import { AmendIncidentCommand } from '../incidents/commands/amend-incident/amend-incident.command.js';
import { ReportIncidentCommand } from '../incidents/commands/report-incident/report-incident.command.js';
import { RetractIncidentCommand } from '../incidents/commands/retract-incident/retract-incident.command.js';
import { SetVerificationCommand } from '../incidents/commands/set-verification/set-verification.command.js';

type LaterStep = { recordedAt: string; by: string } & (
  | { action: 'amend'; changes: Partial<IncidentDetails>; reason: string }
  | { action: 'verify'; level: VerificationLevel; note: string }
  | { action: 'retract'; reason: RetractionReason; duplicateOf?: string; note: string }
);

export interface DemoIncident {
  id: string;
  reportedBy: string;
  recordedAt: string;
  details: IncidentDetails;
  later?: LaterStep[];
}

const DEMO = 'c8d4e0f2-5b7a-4c39-8e61-d2a9f3b7c5e4';

/**
 * Replays the demo file through the ordinary commands, in the order the mission recorded
 * things, with their original recording times. Command ids follow from the file, so loading
 * twice appends nothing new.
 */
export async function loadDemoSet(commands: CommandBus, file: string): Promise<number> {
  const { incidents } = JSON.parse(await readFile(file, 'utf8')) as { incidents: DemoIncident[] };
  const steps = incidents.flatMap((incident) => [
    { incident, index: 0, recordedAt: incident.recordedAt, by: incident.reportedBy, step: undefined as LaterStep | undefined },
    ...(incident.later ?? []).map((step, i) => ({ incident, index: i + 1, recordedAt: step.recordedAt, by: step.by, step })),
  ]);
  steps.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));

  const versions = new Map<string, number>();
  for (const { incident, index, recordedAt, by, step } of steps) {
    const at = new Date(recordedAt);
    const meta: CommandMetadata = { userId: by, commandId: uuidv5(`${incident.id}:${index}`, DEMO), correlationId: incident.id, now: at, recordedAt: at };
    const expected = versions.get(incident.id) ?? 0;
    const result = await commands.execute(
      !step
        ? new ReportIncidentCommand(incident.id, incident.details, meta)
        : step.action === 'amend'
          ? new AmendIncidentCommand(incident.id, expected, step.changes, step.reason, meta)
          : step.action === 'verify'
            ? new SetVerificationCommand(incident.id, expected, step.level, step.note, meta)
            : new RetractIncidentCommand(incident.id, expected, step.reason, step.note, step.duplicateOf, meta),
    );
    versions.set(incident.id, result.version);
  }
  return incidents.length;
}
