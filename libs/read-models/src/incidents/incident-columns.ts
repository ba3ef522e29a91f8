import { externalKey, isMainRole, type IncidentDetails, type IncidentState } from '#domain';
import { Column } from 'typeorm';

export type KnownIncidentState = Exclude<IncidentState, { status: 'unreported' }>;

/**
 * A coordinate as the GiST index on `location` can hold it: within a nanodegree (0.1 mm) of zero
 * it is zero. Tinier values such as 6.6e-125, valid numbers in range, make the index's box-area
 * arithmetic underflow and PostgreSQL refuses the row ("value out of range: underflow"), as the
 * projection property test found. The record itself keeps the number as sent.
 */
/** The columns derived from a record that both incident tables share beyond the first ones. */
export function importedColumnsOf(details: IncidentDetails) {
  return {
    admin2: details.location.admin2 ?? null,
    admin3: details.location.admin3 ?? null,
    actorIds: [...new Set(details.actors.map((a) => a.actorId))],
    mainActorIds: [...new Set(details.actors.filter((a) => isMainRole(a.role)).map((a) => a.actorId))],
    externalIds: (details.externalRefs ?? []).map(externalKey),
  };
}

export const storableDegrees = (degrees: number): number => (Math.abs(degrees) < 1e-9 ? 0 : degrees);

/**
 * An incident's record as a row: the folded record (`record`) for the API and the next fold,
 * plus the columns the map's filters use. The current record (`incidents`) and each version of it
 * (`incident_versions`) share them, so the filters and the GeoJSON work on either. The database
 * generates two more from these: `location` (a point, from lon/lat) and `feature` (the GeoJSON
 * feature as text).
 */
export abstract class IncidentColumns {
  @Column({ type: 'text' })
  status: 'active' | 'retracted';

  @Column({ type: 'text' })
  verification: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'sub_type', type: 'text' })
  subType: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'text' })
  admin1: string;

  @Column({ type: 'text', nullable: true })
  admin2: string | null;

  @Column({ type: 'text', nullable: true })
  admin3: string | null;

  @Column({ type: 'text', array: true })
  targets: string[];

  /** Every actor named, associated ones included. */
  @Column({ name: 'actor_ids', type: 'text', array: true })
  actorIds: string[];

  /** The actors on a main side (not `associated`): what counts "by main actor" use. */
  @Column({ name: 'main_actor_ids', type: 'text', array: true })
  mainActorIds: string[];

  /** `acled:MLI858`: the dataset records the incident was imported from. */
  @Column({ name: 'external_ids', type: 'text', array: true })
  externalIds: string[];

  /** NULL: no figure. */
  @Column({ type: 'int', nullable: true })
  killed: number | null;

  @Column({ type: 'jsonb' })
  record: KnownIncidentState;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  /** Event store position of the last event folded into this record. */
  @Column({ type: 'text' })
  position: string;
}
