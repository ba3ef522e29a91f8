import type { CoalitionCommand } from '#domain';
import { RecordCommand, type Asked } from '../../commands/record-command.js';

/** The coalition commands as users ask for them; the handler adds what it knows of a joining actor. */
export type AskedCoalitionCommand = Asked<CoalitionCommand, 'actorRegistered' | 'otherMemberships'>;

export class RecordCoalitionCommand extends RecordCommand<AskedCoalitionCommand> {}
