import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { VerificationLevel } from '#domain';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class SetVerificationCommand extends Command<AppendResult> {
  constructor(
    readonly incidentId: string,
    readonly expectedVersion: number,
    readonly level: VerificationLevel,
    readonly note: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
