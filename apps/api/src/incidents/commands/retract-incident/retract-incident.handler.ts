import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { foldIncident, incidentStreamId, type IncidentEvent } from '#domain';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { executeIncidentCommand } from '../execute-incident-command.js';
import { RetractIncidentCommand } from './retract-incident.command.js';

@CommandHandler(RetractIncidentCommand)
export class RetractIncidentHandler implements ICommandHandler<RetractIncidentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId, expectedVersion, reason, note, duplicateOf, meta }: RetractIncidentCommand) {
    // The rule "a duplicate points at another existing incident" needs that incident's status.
    const original = duplicateOf
      ? { incidentId: duplicateOf, status: foldIncident((await this.store.readStream(incidentStreamId(duplicateOf))) as unknown as IncidentEvent[]).status }
      : undefined;
    return executeIncidentCommand(
      this.store,
      { type: 'RetractIncident', data: { incidentId, reason, note, duplicateOf: original } },
      meta,
      { expectedVersion, reason: note },
    );
  }
}
