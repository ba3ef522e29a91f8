import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { IncidentDetails } from '#domain';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class ReportIncidentCommand extends Command<AppendResult & { id: string }> {
  constructor(
    readonly incidentId: string,
    readonly details: IncidentDetails,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
