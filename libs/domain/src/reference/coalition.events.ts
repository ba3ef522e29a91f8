import type { CoalitionProfile } from './coalition.js';

/** Stored event types are never renamed or reshaped: a new shape is a new type. */
export type CoalitionFormed = { type: 'CoalitionFormed'; data: { coalitionId: string } & CoalitionProfile };

export type CoalitionMemberJoined = { type: 'CoalitionMemberJoined'; data: { coalitionId: string; actorId: string; from: string } };

/** `on` is the first day the group is no longer a member. */
export type CoalitionMemberLeft = { type: 'CoalitionMemberLeft'; data: { coalitionId: string; actorId: string; on: string } };

export type CoalitionEvent = CoalitionFormed | CoalitionMemberJoined | CoalitionMemberLeft;

export const COALITION_EVENT_TYPES: readonly CoalitionEvent['type'][] = ['CoalitionFormed', 'CoalitionMemberJoined', 'CoalitionMemberLeft'];

export function isCoalitionEvent(event: { type: string }): event is CoalitionEvent {
  return (COALITION_EVENT_TYPES as readonly string[]).includes(event.type);
}
