import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CONFIDENTIAL_REFERENCE, DomainError, incidentDecider, incidentStreamId, type IncidentCommand, type IncidentDetails } from '#domain';
import type { AppendResult, EventStore } from '#event-store';
import type { CommandMetadata } from '../commands/command-metadata.js';
import { executeCommand, foldRecorded, readState } from '../commands/execute-command.js';
import { unregisteredActors } from '../commands/unregistered-actors.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { EvidenceStorage, SourceKeyring } from '#tracker';
import { RecordIncidentCommand, type AskedIncidentCommand } from './incident.command.js';

/** Read, fold, decide, append on the incident's stream, after gathering what the rules need from other streams. */
@CommandHandler(RecordIncidentCommand)
export class IncidentHandler implements ICommandHandler<RecordIncidentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: SourceKeyring,
    private readonly evidence: EvidenceStorage,
  ) {}

  async execute({ command, metadata, options, file }: RecordIncidentCommand) {
    const decided = await this.withFacts(command);
    // A report makes its incident's stream.
    const run = () =>
      executeCommand(this.store, incidentDecider, incidentStreamId(command.data.incidentId), decided, metadata, {
        ...options,
        createsStream: command.type === 'ReportIncident',
      });
    if (command.type === 'AttachEvidence') return this.attach(decided, metadata, file, run);
    if (command.type === 'EraseEvidence') return this.afterwards('evidence_erased', run, () => this.evidence.erase(command.data));
    if (command.type !== 'EraseSource') return run();
    const source = { incidentId: command.data.incidentId, sourceId: command.data.sourceId };
    return this.afterwards('source_erased', run, () => this.keyring.erase(source));
  }

  /**
   * The bytes are kept before the attachment is recorded, so no event ever names a file that is
   * not there; the rules are asked first, so a refused file is never stored, and a file kept for
   * an append that then failed is removed. A retried request (same command) finds its attachment
   * recorded and keeps nothing again.
   */
  private async attach(command: IncidentCommand, metadata: CommandMetadata, file: Buffer | undefined, run: () => Promise<AppendResult>) {
    if (command.type !== 'AttachEvidence' || !file) throw new Error('an attachment needs its file');
    const streamId = incidentStreamId(command.data.incidentId);
    const recorded = await this.store.readStream(streamId);
    if (recorded.some((e) => e.metadata.commandId === metadata.commandId)) return run();
    const state = foldRecorded(incidentDecider, recorded);
    incidentDecider.decide(command, state, { now: metadata.now, requester: { username: metadata.userId, roles: metadata.roles } });
    const ref = { incidentId: state.status === 'unreported' ? command.data.incidentId : state.id, evidenceId: command.data.evidenceId };
    await this.evidence.keep(ref, file);
    try {
      return await run();
    } catch (error) {
      await this.evidence.discard(ref);
      throw error;
    }
  }

  /** Records the erasure, then deletes; a retry after a crash between the two finds it recorded and deletes then. */
  private async afterwards(alreadyDone: string, run: () => Promise<AppendResult>, remove: () => Promise<void>) {
    try {
      const result = await run();
      await remove();
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.code === alreadyDone) await remove();
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
