import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The coalition roll-up's rows: one per (review, group), the group being the coalition a party
 * belonged to on the incident's day, or the party itself when it belonged to none. The flags of
 * the group's members in the review are merged: confirmed when any member is held responsible,
 * dismissed when some member was alleged, the review is decided, and none is held responsible.
 */
@Entity({ name: 'violation_coalition_cells' })
export class ViolationCoalitionCellRow {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @PrimaryColumn({ name: 'grp_kind', type: 'text' })
  groupKind: 'actor' | 'coalition';

  @PrimaryColumn({ name: 'grp', type: 'text' })
  group: string;

  /** The group's parties named in the review. */
  @Column({ type: 'text', array: true })
  members: string[];

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'agreement_id', type: 'text' })
  agreementId: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  /** NULL: no figure. */
  @Column({ type: 'int', nullable: true })
  killed: number | null;

  @Column({ type: 'boolean' })
  alleged: boolean;

  @Column({ name: 'under_review', type: 'boolean' })
  underReview: boolean;

  @Column({ type: 'boolean' })
  confirmed: boolean;

  @Column({ type: 'boolean' })
  dismissed: boolean;

  @Column({ type: 'boolean' })
  inconclusive: boolean;
}
