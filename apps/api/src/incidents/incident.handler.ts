import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CONFIDENTIAL_REFERENCE, DomainError, incidentDecider, incidentStreamId, type IncidentCommand, type IncidentDetails } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand, readState } from '../commands/execute-command.js';
import { unregisteredActors } from '../commands/unregistered-actors.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { SourceKeyring } from '#tracker';
import { RecordIncidentCommand, type AskedIncidentCommand } from './incident.command.js';

/** Read, fold, decide, append on the incident's stream, after gathering what the rules need from other streams. */
@CommandHandler(RecordIncidentCommand)
export class IncidentHandler implements ICommandHandler<RecordIncidentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: SourceKeyring,
  ) {}

  async execute({ command, metadata, options }: RecordIncidentCommand) {
    const decided = await this.withFacts(command);
    const run = () => executeCommand(this.store, incidentDecider, incidentStreamId(command.data.incidentId), decided, metadata, options);
    if (command.type !== 'EraseSource') return run();
    // Records the erasure, then deletes the source's key; a retry after a crash between the two
    // finds the erasure recorded and deletes the key then.
    const source = { incidentId: command.data.incidentId, sourceId: command.data.sourceId };
    try {
      const result = await run();
      await this.keyring.erase(source);
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'source_erased') await this.keyring.erase(source);
      throw error;
    }
  }

  private async withFacts(command: AskedIncidentCommand): Promise<IncidentCommand> {
    switch (command.type) {
      case 'ReportIncident':
        return { ...command, data: { ...command.data, unknownActors: await unregisteredActors(this.store, command.data.details.actors.map((a) => a.actorId)) } };
      case 'AmendIncident': {
        const { incidentId, changes } = command.data;
        const unknownActors = await unregisteredActors(this.store, changes.actors?.map((a) => a.actorId) ?? []);
        return { ...command, data: { ...command.data, changes: await this.keepWithheldReferences(incidentId, changes), unknownActors } };
      }
      case 'RetractIncident': {
        // The rule "a duplicate points at another existing incident" needs that incident's status.
        const { duplicateOf, ...retraction } = command.data;
        if (!duplicateOf) return { ...command, data: retraction };
        const original = await readState(this.store, incidentDecider, incidentStreamId(duplicateOf));
        return { ...command, data: { ...retraction, duplicateOf: { incidentId: duplicateOf, status: original.status } } };
      }
      default:
        return command;
    }
  }

  /**
   * A user who may not read a confidential source sees "[confidential]" in its place; sending the
   * sources back with that placeholder means "unchanged", never "overwrite the reference".
   */
  private async keepWithheldReferences(incidentId: string, changes: Partial<IncidentDetails>): Promise<Partial<IncidentDetails>> {
    if (!changes.sources?.some((s) => s.reference === CONFIDENTIAL_REFERENCE)) return changes;
    const state = await readState(this.store, incidentDecider, incidentStreamId(incidentId));
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
