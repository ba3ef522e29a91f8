import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { RenameActorCommand } from './rename-actor.command.js';

@CommandHandler(RenameActorCommand)
export class RenameActorHandler implements ICommandHandler<RenameActorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ actorId, expectedVersion, name, shortName, reason, meta }: RenameActorCommand) {
    return executeCommand(this.store, actorDecider, actorStreamId(actorId), { type: 'RenameActor', data: { actorId, name, shortName, reason } }, meta, {
      expectedVersion,
      reason,
    });
  }
}
