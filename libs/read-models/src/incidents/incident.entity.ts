import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IncidentColumns } from './incident-columns.js';

/** One row per incident: its current record. */
@Entity({ name: 'incidents' })
export class IncidentRow extends IncidentColumns {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'int' })
  version: number;
}
