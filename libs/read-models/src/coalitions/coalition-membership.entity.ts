import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A period of membership: from `fromDate` (included) until `toDate` (excluded; null while it lasts). */
@Entity({ name: 'coalition_memberships' })
export class CoalitionMembershipRow {
  @PrimaryColumn({ name: 'coalition_id', type: 'text' })
  coalitionId: string;

  @PrimaryColumn({ name: 'actor_id', type: 'text' })
  actorId: string;

  @PrimaryColumn({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate: string | null;
}
