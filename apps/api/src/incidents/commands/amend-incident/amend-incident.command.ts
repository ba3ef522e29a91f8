import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { IncidentDetails } from '#domain';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class AmendIncidentCommand extends Command<AppendResult> {
  constructor(
    readonly incidentId: string,
    readonly expectedVersion: number,
    readonly changes: Partial<IncidentDetails>,
    readonly reason: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
