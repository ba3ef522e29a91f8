import type { AgreementState } from '#domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SignedAgreement = Extract<AgreementState, { status: 'signed' }>;

@Entity({ name: 'agreements' })
export class AgreementRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'signed_on', type: 'date' })
  signedOn: string;

  @Column({ name: 'in_force_from', type: 'date' })
  inForceFrom: string;

  @Column({ type: 'text', array: true })
  parties: string[];

  @Column({ type: 'jsonb' })
  record: SignedAgreement;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  @Column({ type: 'text' })
  position: string;
}
