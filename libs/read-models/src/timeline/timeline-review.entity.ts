import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which incident (and agreement) a violation review is about, so its findings find their place. */
@Entity({ name: 'timeline_reviews' })
export class TimelineReviewRow {
  @PrimaryColumn({ name: 'review_id', type: 'text' })
  reviewId: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'agreement_id', type: 'text', nullable: true })
  agreementId: string | null;
}
