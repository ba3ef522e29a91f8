import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#domain';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { SourceKeyring } from '#tracker';
import { executeIncidentCommand } from '../execute-incident-command.js';
import { EraseSourceCommand } from './erase-source.command.js';

/**
 * Records the erasure, then deletes the source's key. A retry after a crash between the two
 * finds the erasure recorded and deletes the key then.
 */
@CommandHandler(EraseSourceCommand)
export class EraseSourceHandler implements ICommandHandler<EraseSourceCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: SourceKeyring,
  ) {}

  async execute({ incidentId, sourceId, meta }: EraseSourceCommand) {
    try {
      const result = await executeIncidentCommand(this.store, { type: 'EraseSource', data: { incidentId, sourceId } }, meta, {
        reason: 'source erased',
      });
      await this.keyring.erase({ incidentId, sourceId });
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'source_erased') await this.keyring.erase({ incidentId, sourceId });
      throw error;
    }
  }
}
