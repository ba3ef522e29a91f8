import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../../../infrastructure/tokens.js';
import { aliasesInUse } from '../aliases-in-use.js';
import { RegisterActorCommand } from './register-actor.command.js';

@CommandHandler(RegisterActorCommand)
export class RegisterActorHandler implements ICommandHandler<RegisterActorCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async execute({ actorId, profile, meta }: RegisterActorCommand) {
    const inUse = await aliasesInUse(this.db, profile.aliases);
    const result = await executeCommand(
      this.store,
      actorDecider,
      actorStreamId(actorId),
      { type: 'RegisterActor', data: { actorId, profile, aliasesInUse: inUse } },
      meta,
    );
    return { id: actorId, ...result };
  }
}
