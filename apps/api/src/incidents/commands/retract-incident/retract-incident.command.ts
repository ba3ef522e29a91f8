import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { RetractionReason } from '#domain';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class RetractIncidentCommand extends Command<AppendResult> {
  constructor(
    readonly incidentId: string,
    readonly expectedVersion: number,
    readonly reason: RetractionReason,
    readonly note: string,
    readonly duplicateOf: string | undefined,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
