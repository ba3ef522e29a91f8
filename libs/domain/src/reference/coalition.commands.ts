import type { CoalitionProfile } from './coalition.js';

export type FormCoalition = { type: 'FormCoalition'; data: { coalitionId: string; profile: CoalitionProfile } };

export type AddCoalitionMember = {
  type: 'AddCoalitionMember';
  data: {
    coalitionId: string;
    actorId: string;
    from: string;
    /** As the handler found them: whether the actor is registered, and its memberships of other coalitions. */
    actorRegistered: boolean;
    otherMemberships: { coalitionId: string; from: string; to: string | null }[];
  };
};

export type EndCoalitionMembership = { type: 'EndCoalitionMembership'; data: { coalitionId: string; actorId: string; on: string } };

export type CoalitionCommand = FormCoalition | AddCoalitionMember | EndCoalitionMembership;
