import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, coalitionDecider, coalitionStreamId, type CoalitionCommand } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand, readState } from '../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../infrastructure/tokens.js';
import { RecordCoalitionCommand, type AskedCoalitionCommand } from './coalition.command.js';

/**
 * Read, fold, decide, append on the coalition's stream. A joining actor's rules need more than
 * the coalition's stream: whether the actor is registered (its stream), and its memberships of
 * other coalitions (the memberships read model).
 */
@CommandHandler(RecordCoalitionCommand)
export class CoalitionHandler implements ICommandHandler<RecordCoalitionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async execute({ command, metadata, options }: RecordCoalitionCommand) {
    return executeCommand(this.store, coalitionDecider, coalitionStreamId(command.data.coalitionId), await this.withFacts(command), metadata, options);
  }

  private async withFacts(command: AskedCoalitionCommand): Promise<CoalitionCommand> {
    if (command.type !== 'AddCoalitionMember') return command;
    const { coalitionId, actorId } = command.data;
    const actor = await readState(this.store, actorDecider, actorStreamId(actorId));
    const otherMemberships: { coalitionId: string; from: string; to: string | null }[] = await this.db.query(
      `SELECT coalition_id AS "coalitionId", from_date::text AS "from", to_date::text AS "to"
       FROM coalition_memberships WHERE actor_id = $1 AND coalition_id <> $2`,
      [actorId, coalitionId],
    );
    return { ...command, data: { ...command.data, actorRegistered: actor.status === 'registered', otherMemberships } };
  }
}
