import { Command } from '@nestjs/cqrs';
import type { UserCommand } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../http/command-metadata.js';

/** Any change to an account (create, roles, password, disable, enable), as the domain names it. */
export class UserAccountCommand extends Command<AppendResult> {
  constructor(
    readonly command: UserCommand,
    readonly meta: CommandMetadata,
    readonly reason?: string,
  ) {
    super();
  }
}
