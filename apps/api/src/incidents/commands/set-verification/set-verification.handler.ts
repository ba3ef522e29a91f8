import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { executeIncidentCommand } from '../execute-incident-command.js';
import { SetVerificationCommand } from './set-verification.command.js';

@CommandHandler(SetVerificationCommand)
export class SetVerificationHandler implements ICommandHandler<SetVerificationCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ incidentId, expectedVersion, level, note, meta }: SetVerificationCommand) {
    return executeIncidentCommand(this.store, { type: 'SetVerification', data: { incidentId, level, note } }, meta, {
      expectedVersion,
      reason: note,
    });
  }
}
