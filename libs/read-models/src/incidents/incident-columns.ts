import type { IncidentState } from '#domain';
import { Column } from 'typeorm';

export type KnownIncidentState = Exclude<IncidentState, { status: 'unreported' }>;

/**
 * A coordinate as the GiST index on `location` can hold it: within a nanodegree (0.1 mm) of zero
 * it is zero. Tinier values such as 6.6e-125, valid numbers in range, make the index's box-area
 * arithmetic underflow and PostgreSQL refuses the row ("value out of range: underflow"), as the
 * projection property test found. The record itself keeps the number as sent.
 */
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

  @Column({ type: 'text', array: true })
  targets: string[];

  @Column({ name: 'actor_ids', type: 'text', array: true })
  actorIds: string[];

  @Column({ type: 'int' })
  killed: number;

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
