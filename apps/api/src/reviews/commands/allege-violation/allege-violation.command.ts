import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class AllegeViolationCommand extends Command<AppendResult & { id: string }> {
  constructor(
    readonly incidentId: string,
    readonly agreementId: string,
    readonly allegedBy: string,
    readonly allegedParties: string[],
    readonly note: string | undefined,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
