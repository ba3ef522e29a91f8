import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand, readState } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { MergeActorCommand } from './merge-actor.command.js';

@CommandHandler(MergeActorCommand)
export class MergeActorHandler implements ICommandHandler<MergeActorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ actorId, expectedVersion, into, reason, meta }: MergeActorCommand) {
    const found = await readState(this.store, actorDecider, actorStreamId(into));
    const survivor = found.status === 'registered' ? { status: found.status, ...(found.mergedInto ? { mergedInto: found.mergedInto } : {}) } : { status: found.status };
    return executeCommand(this.store, actorDecider, actorStreamId(actorId), { type: 'MergeActor', data: { actorId, into, survivor, reason } }, meta, {
      expectedVersion,
      reason,
    });
  }
}
