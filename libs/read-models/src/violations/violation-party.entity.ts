import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (review, party alleged or held responsible), with the incident's day and dead:
 * what the violations-by-group report sums. Per party:
 * - `alleged`: the allegation names it;
 * - `underReview`: alleged, and the review awaits a finding (open or reopened);
 * - `confirmed`: the finding is a violation and holds it responsible (alleged or not);
 * - `dismissed`: alleged, and the finding did not uphold it (no violation, or a violation by others);
 * - `inconclusive`: alleged, and the finding is inconclusive.
 */
@Entity({ name: 'violation_parties' })
export class ViolationPartyRow {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @PrimaryColumn({ type: 'text' })
  party: string;

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

  @Column({ name: 'incident_retracted', type: 'boolean' })
  incidentRetracted: boolean;
}
