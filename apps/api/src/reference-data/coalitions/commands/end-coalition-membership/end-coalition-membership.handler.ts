import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { coalitionDecider, coalitionStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { EndCoalitionMembershipCommand } from './end-coalition-membership.command.js';

@CommandHandler(EndCoalitionMembershipCommand)
export class EndCoalitionMembershipHandler implements ICommandHandler<EndCoalitionMembershipCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ coalitionId, expectedVersion, actorId, on, meta }: EndCoalitionMembershipCommand) {
    return executeCommand(this.store, coalitionDecider, coalitionStreamId(coalitionId), { type: 'EndCoalitionMembership', data: { coalitionId, actorId, on } }, meta, {
      expectedVersion,
    });
  }
}
