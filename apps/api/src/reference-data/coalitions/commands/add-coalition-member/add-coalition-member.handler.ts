import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, coalitionDecider, coalitionStreamId } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand, readState } from '../../../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../../../infrastructure/tokens.js';
import { AddCoalitionMemberCommand } from './add-coalition-member.command.js';

/**
 * Gathers what the rules need beyond the coalition's stream: whether the actor is registered
 * (its stream), and its memberships of other coalitions (the memberships read model).
 */
@CommandHandler(AddCoalitionMemberCommand)
export class AddCoalitionMemberHandler implements ICommandHandler<AddCoalitionMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async execute({ coalitionId, expectedVersion, actorId, from, meta }: AddCoalitionMemberCommand) {
    const actor = await readState(this.store, actorDecider, actorStreamId(actorId));
    const otherMemberships: { coalitionId: string; from: string; to: string | null }[] = await this.db.query(
      `SELECT coalition_id AS "coalitionId", from_date::text AS "from", to_date::text AS "to"
       FROM coalition_memberships WHERE actor_id = $1 AND coalition_id <> $2`,
      [actorId, coalitionId],
    );
    return executeCommand(
      this.store,
      coalitionDecider,
      coalitionStreamId(coalitionId),
      { type: 'AddCoalitionMember', data: { coalitionId, actorId, from, actorRegistered: actor.status === 'registered', otherMemberships } },
      meta,
      { expectedVersion },
    );
  }
}
