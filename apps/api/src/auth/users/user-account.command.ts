import type { UserCommand } from '#domain';
import { RecordCommand } from '../../commands/record-command.js';

/** Any change to an account (create, roles, password, disable, enable), as the domain names it. */
export class UserAccountCommand extends RecordCommand<UserCommand> {}
