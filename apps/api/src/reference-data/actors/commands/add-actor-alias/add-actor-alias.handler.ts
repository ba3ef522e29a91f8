import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand } from '../../../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../../../infrastructure/tokens.js';
import { aliasesInUse } from '../aliases-in-use.js';
import { AddActorAliasCommand } from './add-actor-alias.command.js';

@CommandHandler(AddActorAliasCommand)
export class AddActorAliasHandler implements ICommandHandler<AddActorAliasCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async execute({ actorId, expectedVersion, alias, meta }: AddActorAliasCommand) {
    const inUse = await aliasesInUse(this.db, [alias]);
    return executeCommand(this.store, actorDecider, actorStreamId(actorId), { type: 'AddActorAlias', data: { actorId, alias, aliasesInUse: inUse } }, meta, {
      expectedVersion,
    });
  }
}
