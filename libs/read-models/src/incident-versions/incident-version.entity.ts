import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { KnownIncidentState } from '../incidents/incident.entity.js';

/**
 * One version of an incident's record, as it stood over the recorded-time range
 * [validFrom, validTo) (validTo null: the current version). The columns are those of
 * `incidents`, so the map's filters and the GeoJSON work on a version as on the current row.
 */
@Entity({ name: 'incident_versions' })
export class IncidentVersionRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  /** When this version became known: the recording time of its event (never before the previous version's). */
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  /** When the next version became known; null while this one is current. */
  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  /** The recording time of the event that made this version, as the store stamped it. */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'text' })
  position: string;

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
}
