import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IncidentColumns } from '../incidents/incident-columns.js';

/**
 * One version of an incident's record, as it stood over the recorded-time range
 * [validFrom, validTo) (validTo null: the current version).
 */
@Entity({ name: 'incident_versions' })
export class IncidentVersionRow extends IncidentColumns {
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
}
