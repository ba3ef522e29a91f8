import { ConfirmActorHandler } from './confirm-actor/confirm-actor.handler.js';
import { MergeActorHandler } from './merge-actor/merge-actor.handler.js';
import { AddActorAliasHandler } from './add-actor-alias/add-actor-alias.handler.js';
import { ReclassifyActorHandler } from './reclassify-actor/reclassify-actor.handler.js';
import { RegisterActorHandler } from './register-actor/register-actor.handler.js';
import { RenameActorHandler } from './rename-actor/rename-actor.handler.js';

export const ActorCommandHandlers = [RegisterActorHandler, RenameActorHandler, AddActorAliasHandler, ReclassifyActorHandler, ConfirmActorHandler, MergeActorHandler];
