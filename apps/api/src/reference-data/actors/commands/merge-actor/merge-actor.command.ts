import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class MergeActorCommand extends Command<AppendResult> {
  constructor(
    readonly actorId: string,
    readonly expectedVersion: number,
    readonly into: string,
    readonly reason: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
