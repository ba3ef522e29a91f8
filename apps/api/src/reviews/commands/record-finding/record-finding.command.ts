import { Command } from '@nestjs/cqrs';
import type { FindingOutcome } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export interface FindingInput {
  outcome: FindingOutcome;
  responsibleParties: string[];
  provisions: string[];
  verificationMission?: string;
  note: string;
  nonSignatoryReason?: string;
}

export class RecordFindingCommand extends Command<AppendResult> {
  constructor(
    readonly reviewId: string,
    readonly expectedVersion: number,
    readonly finding: FindingInput,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
