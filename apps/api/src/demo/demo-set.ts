import { readFile } from 'node:fs/promises';
import type { IncidentDetails, RetractionReason, VerificationLevel } from '#domain';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata } from '../http/command-metadata.js';
import { RecordIncidentCommand, type AskedIncidentCommand } from '../incidents/incident.command.js';

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
    // The mission's records were authorised when they were made: replayed with a reviewer's authority.
    const meta: CommandMetadata = { userId: by, roles: ['reviewer'], commandId: uuidv5(`${incident.id}:${index}`, DEMO), correlationId: incident.id, now: at, recordedAt: at };
    const expected = versions.get(incident.id) ?? 0;
    const incidentId = incident.id;
    const [command, reason]: [AskedIncidentCommand, string?] = !step
      ? [{ type: 'ReportIncident', data: { incidentId, details: incident.details } }]
      : step.action === 'amend'
        ? [{ type: 'AmendIncident', data: { incidentId, changes: step.changes, reason: step.reason } }, step.reason]
        : step.action === 'verify'
          ? [{ type: 'SetVerification', data: { incidentId, level: step.level, note: step.note } }, step.note]
          : [{ type: 'RetractIncident', data: { incidentId, reason: step.reason, note: step.note, duplicateOf: step.duplicateOf } }, step.note];
    const result = await commands.execute(new RecordIncidentCommand(command, meta, step ? { expectedVersion: expected, reason } : {}));
    versions.set(incident.id, result.version);
  }
  return incidents.length;
}
