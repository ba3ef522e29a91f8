import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { ReclassifyActorCommand } from './reclassify-actor.command.js';

@CommandHandler(ReclassifyActorCommand)
export class ReclassifyActorHandler implements ICommandHandler<ReclassifyActorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ actorId, expectedVersion, kind, inter, reason, meta }: ReclassifyActorCommand) {
    return executeCommand(this.store, actorDecider, actorStreamId(actorId), { type: 'ReclassifyActor', data: { actorId, kind, inter, reason } }, meta, {
      expectedVersion,
      reason,
    });
  }
}
