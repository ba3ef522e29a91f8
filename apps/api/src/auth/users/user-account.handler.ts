import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, evolveUser, initialUserState, userStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../commands/execute-command.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { UserAccountCommand } from './user-account.command.js';

export const userDecider = { decide: decideUser, evolve: evolveUser, initialState: initialUserState };

@CommandHandler(UserAccountCommand)
export class UserAccountHandler implements ICommandHandler<UserAccountCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, meta, reason }: UserAccountCommand) {
    return executeCommand(this.store, userDecider, userStreamId(command.data.username), command, meta, { reason });
  }
}
