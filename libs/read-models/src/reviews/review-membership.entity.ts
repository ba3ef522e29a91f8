import { Entity, Column, PrimaryColumn } from 'typeorm';

/**
 * The reviews projection's own copy of the coalition memberships (from the coalition streams),
 * so the coalition roll-up it keeps depends on nothing but the events.
 */
@Entity({ name: 'review_memberships' })
export class ReviewMembershipRow {
  @PrimaryColumn({ name: 'coalition_id', type: 'text' })
  coalitionId: string;

  @PrimaryColumn({ name: 'actor_id', type: 'text' })
  actorId: string;

  @PrimaryColumn({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate: string | null;
}
