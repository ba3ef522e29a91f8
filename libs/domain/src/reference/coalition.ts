/**
 * A period of membership: from `from` (included) until `to` (excluded; null while it lasts).
 * A group that switches coalition leaves one and joins the other on the same day.
 */
export interface Membership {
  actorId: string;
  from: string;
  to: string | null;
}

export interface CoalitionProfile {
  name: string;
  shortName: string;
  note: string;
  citation: string;
}

export type CoalitionState =
  | { status: 'unformed' }
  | ({ status: 'formed'; id: string; memberships: Membership[] } & CoalitionProfile);

/** Whether the membership is in force on `day` (YYYY-MM-DD). */
export const memberOn = (membership: Membership, day: string) => membership.from <= day && (membership.to === null || day < membership.to);

/** Whether a membership starting on `from` and lasting would overlap `other`. */
export const overlapsFrom = (from: string, other: Pick<Membership, 'to'>) => other.to === null || from < other.to;

export const COALITION_STREAM_PREFIX = 'coalition-';
export const coalitionStreamId = (coalitionId: string) => `${COALITION_STREAM_PREFIX}${coalitionId}`;
