import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { ConfirmActorCommand } from './confirm-actor.command.js';

@CommandHandler(ConfirmActorCommand)
export class ConfirmActorHandler implements ICommandHandler<ConfirmActorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ actorId, expectedVersion, reason, meta }: ConfirmActorCommand) {
    return executeCommand(this.store, actorDecider, actorStreamId(actorId), { type: 'ConfirmActor', data: { actorId, reason } }, meta, { expectedVersion, reason });
  }
}
