import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** Event store position of the last event applied (or looked past). */
  @Column({ type: 'text' })
  position: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
