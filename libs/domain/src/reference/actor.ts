/** What kind of party an actor is; `inter` is ACLED's actor-type code for the same idea. */
export const ACTOR_KINDS = [
  'state_forces',
  'government',
  'rebel_group',
  'militia',
  'jihadist_group',
  'international_force',
  'civilians',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * ACLED `inter` codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
 * militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
 */
export const ACLED_INTER_CODES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type AcledInter = (typeof ACLED_INTER_CODES)[number];

/** The ACLED code an actor of this kind usually has: what a new actor gets until an administrator reclassifies it. */
export const USUAL_INTER: Record<ActorKind, AcledInter> = {
  state_forces: 1,
  government: 1,
  rebel_group: 2,
  militia: 3,
  jihadist_group: 2,
  international_force: 8,
  civilians: 7,
  other: 8,
};

export interface ActorProfile {
  name: string;
  shortName: string;
  /** Names other datasets (ACLED, UCDP) use for the same group, so imports can match them. */
  aliases: string[];
  kind: ActorKind;
  inter: AcledInter;
  note: string;
  citation: string;
  /**
   * Created by an import for a name no actor had; an administrator confirms it or merges it into
   * an existing actor. Absent on actors registered by hand (and on every actor registered before).
   */
  provisional?: boolean;
}

export type ActorState =
  | { status: 'unregistered' }
  | ({ status: 'registered'; id: string; /** The surviving actor this one was merged into. */ mergedInto?: string } & ActorProfile);

export const ACTOR_STREAM_PREFIX = 'actor-';
export const actorStreamId = (actorId: string) => `${ACTOR_STREAM_PREFIX}${actorId}`;
