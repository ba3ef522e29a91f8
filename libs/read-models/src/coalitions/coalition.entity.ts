import type { CoalitionState } from '#domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FormedCoalition = Extract<CoalitionState, { status: 'formed' }>;

/** One row per coalition, with its memberships in `record` (and in `coalition_memberships`). */
@Entity({ name: 'coalitions' })
export class CoalitionRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  @Column({ type: 'jsonb' })
  record: FormedCoalition;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  @Column({ type: 'text' })
  position: string;
}
