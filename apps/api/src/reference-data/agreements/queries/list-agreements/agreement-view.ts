import type { AgreementRow } from '#read-models';

export function toAgreementView({ record, version, lastChangedAt, lastChangedBy }: AgreementRow) {
  const { status: _status, ...agreement } = record;
  return { ...agreement, version, lastChangedAt, lastChangedBy };
}

export type AgreementView = ReturnType<typeof toAgreementView>;
