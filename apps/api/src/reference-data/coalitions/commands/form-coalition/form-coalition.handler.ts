import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { coalitionDecider, coalitionStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { FormCoalitionCommand } from './form-coalition.command.js';

@CommandHandler(FormCoalitionCommand)
export class FormCoalitionHandler implements ICommandHandler<FormCoalitionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ coalitionId, profile, meta }: FormCoalitionCommand) {
    const result = await executeCommand(this.store, coalitionDecider, coalitionStreamId(coalitionId), { type: 'FormCoalition', data: { coalitionId, profile } }, meta);
    return { id: coalitionId, ...result };
  }
}
