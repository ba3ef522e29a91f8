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

export const ACTOR_ROLES = ['perpetrator', 'target', 'party'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const VERIFICATION_LEVELS = ['reported', 'corroborated', 'verified', 'disputed'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const SOURCE_KINDS = ['monitor', 'un', 'media', 'ngo', 'government', 'armed_group', 'local_contact', 'research', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_RELIABILITIES = ['confirmed', 'reliable', 'unconfirmed', 'doubtful', 'unknown'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITIES)[number];

export const RETRACTION_REASONS = ['false_report', 'duplicate'] as const;
export type RetractionReason = (typeof RETRACTION_REASONS)[number];

export function isSubTypeOf(type: IncidentType, subType: string): subType is IncidentSubType {
  return (INCIDENT_TYPES[type] as readonly string[]).includes(subType);
}
