import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the reviews projection keeps of every incident, so a review row always has its incident's facts. */
@Entity({ name: 'review_incidents' })
export class ReviewIncidentRow {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  /** NULL: no figure. */
  @Column({ type: 'int', nullable: true })
  killed: number | null;

  @Column({ type: 'boolean' })
  retracted: boolean;
}
