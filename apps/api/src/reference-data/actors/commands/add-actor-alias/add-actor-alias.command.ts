import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class AddActorAliasCommand extends Command<AppendResult> {
  constructor(
    readonly actorId: string,
    readonly expectedVersion: number,
    readonly alias: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
