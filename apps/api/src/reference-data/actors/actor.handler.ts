import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, type ActorCommand } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand, readState } from '../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../infrastructure/tokens.js';
import { aliasesInUse } from './aliases-in-use.js';
import { RecordActorCommand, type AskedActorCommand } from './actor.command.js';

/** Read, fold, decide, append on the actor's stream; names that become aliases are checked against the other actors first, a merger's survivor is read. */
@CommandHandler(RecordActorCommand)
export class ActorHandler implements ICommandHandler<RecordActorCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async execute({ command, metadata, options }: RecordActorCommand) {
    return executeCommand(this.store, actorDecider, actorStreamId(command.data.actorId), await this.withFacts(command), metadata, options);
  }

  private async withFacts(command: AskedActorCommand): Promise<ActorCommand> {
    switch (command.type) {
      case 'RegisterActor':
        return { ...command, data: { ...command.data, aliasesInUse: await aliasesInUse(this.db, command.data.profile.aliases) } };
      case 'AddActorAlias':
        return { ...command, data: { ...command.data, aliasesInUse: await aliasesInUse(this.db, [command.data.alias]) } };
      case 'MergeActor': {
        const found = await readState(this.store, actorDecider, actorStreamId(command.data.into));
        const survivor = found.status === 'registered' ? { status: found.status, ...(found.mergedInto ? { mergedInto: found.mergedInto } : {}) } : { status: found.status };
        return { ...command, data: { ...command.data, survivor } };
      }
      default:
        return command;
    }
  }
}
