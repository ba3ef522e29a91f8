/**
 * The ACLED event taxonomy (event type → sub-event types) as snake_case codes, and the other
 * closed vocabularies of an incident. A ceasefire violation is not a type: it is a finding
 * of the mechanism about an incident.
 */
export const INCIDENT_TYPES = {
  battles: ['armed_clash', 'government_regains_territory', 'non_state_actor_overtakes_territory'],
  explosions_remote_violence: [
    'chemical_weapon',
    'air_drone_strike',
    'suicide_bomb',
    'shelling_artillery_missile_attack',
    'remote_explosive_landmine_ied',
    'grenade',
  ],
  violence_against_civilians: ['sexual_violence', 'attack', 'abduction_forced_disappearance'],
  protests: ['peaceful_protest', 'protest_with_intervention', 'excessive_force_against_protesters'],
  riots: ['violent_demonstration', 'mob_violence'],
  strategic_developments: [
    'agreement',
    'arrests',
    'change_to_group_activity',
    'disrupted_weapons_use',
    'headquarters_or_base_established',
    'looting_property_destruction',
    'non_violent_transfer_of_territory',
    'other',
  ],
} as const;

export type IncidentType = keyof typeof INCIDENT_TYPES;
export type IncidentSubType = (typeof INCIDENT_TYPES)[IncidentType][number];

export const TARGETS = ['civilians', 'peacekeepers', 'humanitarian_workers', 'state_forces', 'armed_groups'] as const;
export type Target = (typeof TARGETS)[number];

/** ACLED time_precision 1–3. */
export const TIME_PRECISIONS = ['day', 'week', 'month'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** ACLED geo_precision 1–3: the place itself, near it, or only its region. */
export const GEO_PRECISIONS = ['exact', 'near', 'region'] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

/**
 * `perpetrator`, `target`, `party`: as a monitor judges them. `side_a`, `side_b`: the main sides
 * as a dataset lists them (ACLED's actor1/actor2, UCDP's side_a/side_b), in order, without saying
 * who attacked whom. `associated`: an actor the source names beside a main side (ACLED's
 * assoc_actor_1/2), with the side it stands with in `IncidentActor.with`.
 */
export const ACTOR_ROLES = ['perpetrator', 'target', 'party', 'side_a', 'side_b', 'associated'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** The roles that make an actor a main actor of an incident; `associated` is not one. */
export const MAIN_ACTOR_ROLES = ['perpetrator', 'target', 'party', 'side_a', 'side_b'] as const satisfies readonly ActorRole[];
export const SIDES = ['side_a', 'side_b'] as const;
export type Side = (typeof SIDES)[number];

/** The public datasets whose records the tracker imports and keeps references to. */
export const EXTERNAL_DATASETS = ['acled', 'ucdp'] as const;
export type ExternalDataset = (typeof EXTERNAL_DATASETS)[number];

export const VERIFICATION_LEVELS = ['reported', 'corroborated', 'verified', 'disputed'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const SOURCE_KINDS = ['monitor', 'un', 'media', 'ngo', 'government', 'armed_group', 'local_contact', 'research', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_RELIABILITIES = ['confirmed', 'reliable', 'unconfirmed', 'doubtful', 'unknown'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITIES)[number];

/** `withdrawn_by_dataset`: the dataset an incident was imported from no longer has the row. */
export const RETRACTION_REASONS = ['false_report', 'duplicate', 'withdrawn_by_dataset'] as const;
export type RetractionReason = (typeof RETRACTION_REASONS)[number];

export function isSubTypeOf(type: IncidentType, subType: string): subType is IncidentSubType {
  return (INCIDENT_TYPES[type] as readonly string[]).includes(subType);
}

export const isMainRole = (role: ActorRole): boolean => (MAIN_ACTOR_ROLES as readonly ActorRole[]).includes(role);
