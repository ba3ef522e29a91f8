import type { AgreementTerms } from './agreement.js';

export type RegisterAgreement = {
  type: 'RegisterAgreement';
  /** `unknownParties`: the parties that are not registered actors, as the handler found them. */
  data: { agreementId: string; terms: AgreementTerms; unknownParties: string[] };
};

export type AgreementCommand = RegisterAgreement;
