import { Command } from '@nestjs/cqrs';
import type { CoalitionProfile } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class FormCoalitionCommand extends Command<AppendResult & { id: string }> {
  constructor(
    readonly coalitionId: string,
    readonly profile: CoalitionProfile,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
