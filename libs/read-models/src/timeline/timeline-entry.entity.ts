import type { JsonObject } from '#event-store';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TIMELINE_KINDS = ['reported', 'amended', 'verification_changed', 'retracted', 'finding'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One event of interest on the timeline. Where, when and who are the record as it stood right
 * after this event (for a finding: the incident's record when the finding was recorded); the
 * summary is a code and its parameters, and in English with references for the names
 * (`summaryTextParts`).
 */
@Entity({ name: 'timeline_entries' })
export class TimelineEntryRow {
  /** The event's id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ name: 'review_id', type: 'text', nullable: true })
  reviewId: string | null;

  @Column({ type: 'text' })
  kind: TimelineKind;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId: string;

  @Column({ name: 'stream_version', type: 'int' })
  streamVersion: number;

  @Column({ type: 'text' })
  position: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  /** The incident's version this event made (null for a finding). */
  @Column({ name: 'incident_version', type: 'int', nullable: true })
  incidentVersion: number | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'time_precision', type: 'text', nullable: true })
  timePrecision: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  admin1: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  @Column({ name: 'actor_ids', type: 'text', array: true, nullable: true })
  actorIds: string[] | null;

  @Column({ name: 'summary_code', type: 'text' })
  summaryCode: string;

  @Column({ name: 'summary_params', type: 'jsonb' })
  summaryParams: JsonObject;

  @Column({ name: 'summary_parts', type: 'text', array: true })
  summaryParts: string[];
}
