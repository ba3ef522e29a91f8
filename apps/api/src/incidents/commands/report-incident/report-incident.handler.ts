import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import { unregisteredActors } from '../../../commands/unregistered-actors.js';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { executeIncidentCommand } from '../execute-incident-command.js';
import { ReportIncidentCommand } from './report-incident.command.js';

@CommandHandler(ReportIncidentCommand)
export class ReportIncidentHandler implements ICommandHandler<ReportIncidentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId, details, meta }: ReportIncidentCommand) {
    const unknownActors = await unregisteredActors(this.store, details.actors.map((a) => a.actorId));
    const result = await executeIncidentCommand(this.store, { type: 'ReportIncident', data: { incidentId, details, unknownActors } }, meta);
    return { id: incidentId, ...result };
  }
}
