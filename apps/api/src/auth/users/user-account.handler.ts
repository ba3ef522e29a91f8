import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUser, userStreamId, type UserCommand, type UserDecisionContext } from '#domain';
import type { EventStore } from '#event-store';
import type { DataSource } from 'typeorm';
import { executeCommand } from '../../commands/execute-command.js';
import { EVENT_STORE, READ_MODELS } from '../../infrastructure/tokens.js';
import { UserAccountCommand } from './user-account.command.js';
import { userDecider, UserAccounts } from './user-accounts.js';

/** Changes that may leave the tracker without an active administrator. */
const MAY_REMOVE_ADMIN: UserCommand['type'][] = ['DisableUser', 'ChangeRoles'];
const ADMIN_CHANGES_LOCK = 7_340_013;

@CommandHandler(UserAccountCommand)
export class UserAccountHandler implements ICommandHandler<UserAccountCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly accounts: UserAccounts,
  ) {}

  async execute(command: UserAccountCommand) {
    try {
      return await this.record(command);
    } finally {
      // Even after a failure: the append may have been committed before the answer was lost.
      this.accounts.changed(command.command.data.username);
    }
  }

  private async record({ command, metadata, options }: UserAccountCommand) {
    const run = (context: UserDecisionContext) =>
      executeCommand(this.store, { ...userDecider, decide: (c: UserCommand, s) => decideUser(c, s, context) }, userStreamId(command.data.username), command, metadata, options);
    if (!MAY_REMOVE_ADMIN.includes(command.type)) return run({ otherActiveAdmins: 0 });
    // Two administrators disabling each other at once must not both succeed: such changes take
    // turns (across every API instance) between counting the administrators and appending.
    const session = this.db.createQueryRunner();
    await session.connect();
    try {
      await session.query('SELECT pg_advisory_lock($1)', [ADMIN_CHANGES_LOCK]);
      const admins = (await this.accounts.list()).filter((u) => u.status === 'active' && u.roles.includes('admin') && u.username !== command.data.username);
      return await run({ otherActiveAdmins: admins.length });
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [ADMIN_CHANGES_LOCK]).catch(() => undefined);
      await session.release();
    }
  }
}
