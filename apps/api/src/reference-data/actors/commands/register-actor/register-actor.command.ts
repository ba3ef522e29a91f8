import { Command } from '@nestjs/cqrs';
import type { ActorProfile } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class RegisterActorCommand extends Command<AppendResult & { id: string }> {
  constructor(
    readonly actorId: string,
    readonly profile: ActorProfile,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
