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

export type ConfirmActor = { type: 'ConfirmActor'; data: { actorId: string; reason: string } };

/** `survivor`: the actor merged into, as the handler found it in the store. */
export type MergeActor = {
  type: 'MergeActor';
  data: { actorId: string; into: string; survivor: { status: 'unregistered' | 'registered'; mergedInto?: string }; reason: string };
};

export type ActorCommand = RegisterActor | RenameActor | AddActorAlias | ReclassifyActor | ConfirmActor | MergeActor;
