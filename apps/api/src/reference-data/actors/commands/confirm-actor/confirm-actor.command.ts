import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class ConfirmActorCommand extends Command<AppendResult> {
  constructor(
    readonly actorId: string,
    readonly expectedVersion: number,
    readonly reason: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
