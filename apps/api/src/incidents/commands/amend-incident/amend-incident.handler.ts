import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CONFIDENTIAL_REFERENCE, incidentStreamId, type IncidentDetails, type IncidentEvent, type IncidentState } from '#domain';
import type { EventStore } from '#event-store';
import { readState } from '../../../commands/execute-command.js';
import { unregisteredActors } from '../../../commands/unregistered-actors.js';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { executeIncidentCommand, incidentDecider } from '../execute-incident-command.js';
import { AmendIncidentCommand } from './amend-incident.command.js';

@CommandHandler(AmendIncidentCommand)
export class AmendIncidentHandler implements ICommandHandler<AmendIncidentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId, expectedVersion, changes, reason, meta }: AmendIncidentCommand) {
    const unknownActors = await unregisteredActors(this.store, changes.actors?.map((a) => a.actorId) ?? []);
    return executeIncidentCommand(
      this.store,
      { type: 'AmendIncident', data: { incidentId, changes: await this.keepWithheldReferences(incidentId, changes), reason, unknownActors } },
      meta,
      { expectedVersion, reason },
    );
  }

  /**
   * A user who may not read a confidential source sees "[confidential]" in its place; sending the
   * sources back with that placeholder means "unchanged", never "overwrite the reference".
   */
  private async keepWithheldReferences(incidentId: string, changes: Partial<IncidentDetails>): Promise<Partial<IncidentDetails>> {
    if (!changes.sources?.some((s) => s.reference === CONFIDENTIAL_REFERENCE)) return changes;
    const state = await readState<IncidentEvent, IncidentState>(this.store, incidentDecider, incidentStreamId(incidentId));
    const stored = state.status === 'unreported' ? [] : state.details.sources;
    return {
      ...changes,
      sources: changes.sources.map((source) => {
        const original = stored.find((s) => s.id === source.id);
        return source.reference === CONFIDENTIAL_REFERENCE && original ? { ...source, reference: original.reference } : source;
      }),
    };
  }
}
