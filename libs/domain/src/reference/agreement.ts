export interface AgreementTerms {
  name: string;
  signedOn: string;
  /** The day from which a violation can be held against it. */
  inForceFrom: string;
  /** The signatories: actor ids. */
  parties: string[];
  notes: string;
  citation: string;
}

export type AgreementState = { status: 'unsigned' } | ({ status: 'signed'; id: string } & AgreementTerms);

export const inForceOn = (agreement: Pick<AgreementTerms, 'inForceFrom'>, day: string) => agreement.inForceFrom <= day;

export const AGREEMENT_STREAM_PREFIX = 'agreement-';
export const agreementStreamId = (agreementId: string) => `${AGREEMENT_STREAM_PREFIX}${agreementId}`;
