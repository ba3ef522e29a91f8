import type { ActorState } from '#domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RegisteredActor = Extract<ActorState, { status: 'registered' }>;

/** One row per actor: the folded record, and the names imports match on. */
@Entity({ name: 'actors' })
export class ActorRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  @Column({ type: 'text', array: true })
  aliases: string[];

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'int' })
  inter: number;

  /** Lower-cased name, short name and aliases. */
  @Column({ name: 'match_keys', type: 'text', array: true })
  matchKeys: string[];

  @Column({ type: 'jsonb' })
  record: RegisteredActor;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  @Column({ type: 'text' })
  position: string;
}
