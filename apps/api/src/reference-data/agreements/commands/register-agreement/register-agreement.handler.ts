import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { agreementDecider, agreementStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../../commands/execute-command.js';
import { unregisteredActors } from '../../../../commands/unregistered-actors.js';
import { EVENT_STORE } from '../../../../infrastructure/tokens.js';
import { RegisterAgreementCommand } from './register-agreement.command.js';

@CommandHandler(RegisterAgreementCommand)
export class RegisterAgreementHandler implements ICommandHandler<RegisterAgreementCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ agreementId, terms, meta }: RegisterAgreementCommand) {
    const unknownParties = await unregisteredActors(this.store, terms.parties);
    const result = await executeCommand(
      this.store,
      agreementDecider,
      agreementStreamId(agreementId),
      { type: 'RegisterAgreement', data: { agreementId, terms, unknownParties } },
      meta,
    );
    return { id: agreementId, ...result };
  }
}
