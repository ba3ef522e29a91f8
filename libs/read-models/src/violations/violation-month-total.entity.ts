import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The report's cells summed per (roll-up, agreement, month of the incident's day, group). */
@Entity({ name: 'violation_month_totals' })
export class ViolationMonthTotalRow {
  @PrimaryColumn({ type: 'text' })
  rollup: 'actor' | 'coalition';

  @PrimaryColumn({ name: 'agreement_id', type: 'text' })
  agreementId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ name: 'grp_kind', type: 'text' })
  groupKind: 'actor' | 'coalition';

  @PrimaryColumn({ name: 'grp', type: 'text' })
  group: string;

  @Column({ type: 'int' })
  alleged: number;

  @Column({ name: 'under_review', type: 'int' })
  underReview: number;

  @Column({ type: 'int' })
  confirmed: number;

  @Column({ type: 'int' })
  dismissed: number;

  @Column({ type: 'int' })
  inconclusive: number;

  /** bigint (a sum over incidents of up to MAX_CASUALTY_COUNT dead each), read as a JS number: exact below 2^53. */
  @Column({ name: 'killed_in_confirmed', type: 'bigint', transformer: { to: (n: number) => n, from: (s: string) => Number(s) } })
  killedInConfirmed: number;
}
