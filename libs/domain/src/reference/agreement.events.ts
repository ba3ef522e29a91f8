import type { AgreementTerms } from './agreement.js';

/** Stored event types are never renamed or reshaped: a new shape is a new type. */
export type AgreementSigned = { type: 'AgreementSigned'; data: { agreementId: string } & AgreementTerms };

export type AgreementEvent = AgreementSigned;

export const AGREEMENT_EVENT_TYPES: readonly AgreementEvent['type'][] = ['AgreementSigned'];

export function isAgreementEvent(event: { type: string }): event is AgreementEvent {
  return (AGREEMENT_EVENT_TYPES as readonly string[]).includes(event.type);
}
