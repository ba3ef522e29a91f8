import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { agreementDecider, agreementStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../commands/execute-command.js';
import { unregisteredActors } from '../../commands/unregistered-actors.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { RecordAgreementCommand } from './agreement.command.js';

/** Read, fold, decide, append on the agreement's stream, knowing which parties are not registered actors. */
@CommandHandler(RecordAgreementCommand)
export class AgreementHandler implements ICommandHandler<RecordAgreementCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, metadata, options }: RecordAgreementCommand) {
    const unknownParties = await unregisteredActors(this.store, command.data.terms.parties);
    const decided = { ...command, data: { ...command.data, unknownParties } };
    return executeCommand(this.store, agreementDecider, agreementStreamId(command.data.agreementId), decided, metadata, options);
  }
}
