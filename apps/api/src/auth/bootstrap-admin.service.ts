import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AuthSettings } from '#tracker';
import { AUTH_SETTINGS } from './auth-settings.js';
import { hashPassword } from './password.js';
import { UserAccountCommand } from './users/user-account.command.js';
import { UserAccounts } from './users/user-accounts.js';

export const BOOTSTRAP_ADMIN = 'admin';

/**
 * The first administrator, created on first start. Its password comes from
 * BOOTSTRAP_ADMIN_PASSWORD, or is generated and printed once: no default password exists.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');

  constructor(
    private readonly accounts: UserAccounts,
    private readonly commands: CommandBus,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async onApplicationBootstrap() {
    if ((await this.accounts.find(BOOTSTRAP_ADMIN)).status !== 'absent') return;
    const password = this.settings.bootstrapAdminPassword ?? randomBytes(18).toString('base64url');
    const meta = { userId: 'system', roles: [], commandId: randomUUID(), correlationId: 'bootstrap', now: new Date() };
    await this.commands.execute(
      new UserAccountCommand({ type: 'CreateUser', data: { username: BOOTSTRAP_ADMIN, roles: ['admin'], passwordHash: await hashPassword(password) } }, meta, { reason: 'first start' }),
    );
    if (!this.settings.bootstrapAdminPassword) {
      // Printed once, on the start that created the account; it is stored only as a hash.
      process.stdout.write(`\n  First administrator: username "${BOOTSTRAP_ADMIN}", password "${password}" — change it after signing in.\n\n`);
    }
    this.logger.log(`created the first administrator "${BOOTSTRAP_ADMIN}"`);
  }
}
