import type { AcledInter, ActorKind, ActorProfile } from './actor.js';

/** Names the command wants as aliases that other actors already use, as the handler found them. */
export type AliasesInUse = { alias: string; actorId: string }[];

export type RegisterActor = {
  type: 'RegisterActor';
  data: { actorId: string; profile: ActorProfile; aliasesInUse: AliasesInUse };
};

export type RenameActor = { type: 'RenameActor'; data: { actorId: string; name: string; shortName: string; reason: string } };

export type AddActorAlias = { type: 'AddActorAlias'; data: { actorId: string; alias: string; aliasesInUse: AliasesInUse } };

export type ReclassifyActor = { type: 'ReclassifyActor'; data: { actorId: string; kind: ActorKind; inter: AcledInter; reason: string } };

export type ActorCommand = RegisterActor | RenameActor | AddActorAlias | ReclassifyActor;
