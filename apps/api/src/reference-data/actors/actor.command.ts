import type { ActorCommand } from '#domain';
import { RecordCommand, type Asked } from '../../commands/record-command.js';

/** The actor commands as users ask for them; the handler adds which names other actors already use, and a merger's survivor. */
export type AskedActorCommand = Asked<ActorCommand, 'aliasesInUse' | 'survivor'>;

export class RecordActorCommand extends RecordCommand<AskedActorCommand> {}
