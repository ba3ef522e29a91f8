import type { ReviewState } from '#domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OpenedReview = Exclude<ReviewState, { status: 'unopened' }>;

/**
 * One row per violation review: the folded record, the columns the list filters on, and what
 * is known now of its incident (day, dead, retracted) — a retracted incident's open review is
 * flagged by `incidentRetracted`.
 */
@Entity({ name: 'reviews' })
export class ReviewRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'agreement_id', type: 'text' })
  agreementId: string;

  @Column({ type: 'text' })
  status: OpenedReview['status'];

  /** The latest finding's outcome (also while reopened); null before the first finding. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'alleged_by', type: 'text' })
  allegedBy: string;

  @Column({ name: 'alleged_parties', type: 'text', array: true })
  allegedParties: string[];

  @Column({ name: 'responsible_parties', type: 'text', array: true })
  responsibleParties: string[];

  /** Alleged and responsible parties: the `party` filter. */
  @Column({ type: 'text', array: true })
  parties: string[];

  @Column({ name: 'incident_occurred_on', type: 'date' })
  incidentOccurredOn: string;

  @Column({ name: 'incident_killed', type: 'int', nullable: true })
  incidentKilled: number | null;

  @Column({ name: 'incident_retracted', type: 'boolean' })
  incidentRetracted: boolean;

  @Column({ type: 'jsonb' })
  record: OpenedReview;

  @Column({ name: 'alleged_at', type: 'timestamptz' })
  allegedAt: Date;

  @Column({ name: 'alleged_by_user', type: 'text' })
  allegedByUser: string;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  @Column({ type: 'text' })
  position: string;
}
