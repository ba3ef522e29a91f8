import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { executeIncidentCommand } from '../execute-incident-command.js';
import { AmendIncidentCommand } from './amend-incident.command.js';

@CommandHandler(AmendIncidentCommand)
export class AmendIncidentHandler implements ICommandHandler<AmendIncidentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ incidentId, expectedVersion, changes, reason, meta }: AmendIncidentCommand) {
    return executeIncidentCommand(this.store, { type: 'AmendIncident', data: { incidentId, changes, reason } }, meta, {
      expectedVersion,
      reason,
    });
  }
}
