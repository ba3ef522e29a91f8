import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class AddCoalitionMemberCommand extends Command<AppendResult> {
  constructor(
    readonly coalitionId: string,
    readonly expectedVersion: number,
    readonly actorId: string,
    readonly from: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
