import type { AcledInter, ActorKind, ActorProfile } from './actor.js';

/** Stored event types are never renamed or reshaped: a new shape is a new type. */
export type ActorRegistered = { type: 'ActorRegistered'; data: { actorId: string } & ActorProfile };

export type ActorRenamed = {
  type: 'ActorRenamed';
  data: { actorId: string; from: { name: string; shortName: string }; to: { name: string; shortName: string }; reason: string };
};

export type ActorAliasAdded = { type: 'ActorAliasAdded'; data: { actorId: string; alias: string } };

export type ActorReclassified = {
  type: 'ActorReclassified';
  data: { actorId: string; from: { kind: ActorKind; inter: AcledInter }; to: { kind: ActorKind; inter: AcledInter }; reason: string };
};

/** A provisional actor (created by an import) is confirmed as an actor in its own right. */
export type ActorConfirmed = { type: 'ActorConfirmed'; data: { actorId: string; reason: string } };

/**
 * The actor is the same group as `into`: incidents naming it count under `into` from now on,
 * and its names become names of `into` for later imports. Its own events stay as they were.
 */
export type ActorMerged = { type: 'ActorMerged'; data: { actorId: string; into: string; reason: string } };

export type ActorEvent = ActorRegistered | ActorRenamed | ActorAliasAdded | ActorReclassified | ActorConfirmed | ActorMerged;

export const ACTOR_EVENT_TYPES: readonly ActorEvent['type'][] = [
  'ActorRegistered',
  'ActorRenamed',
  'ActorAliasAdded',
  'ActorReclassified',
  'ActorConfirmed',
  'ActorMerged',
];

export function isActorEvent(event: { type: string }): event is ActorEvent {
  return (ACTOR_EVENT_TYPES as readonly string[]).includes(event.type);
}
