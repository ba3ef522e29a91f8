import { deciderSpecification } from '../testing/decider-specification.js';
import type { AgreementTerms } from './agreement.js';
import { decideAgreement, evolveAgreement, initialAgreementState } from './agreement.decider.js';

const context = { now: new Date('2026-11-27T12:00:00Z') };

describe('Agreement', () => {
  const given = deciderSpecification({ decide: decideAgreement, evolve: evolveAgreement, initialState: initialAgreementState });
  const kidal: AgreementTerms = {
    name: 'Kidal ceasefire',
    signedOn: '2014-05-23',
    inForceFrom: '2014-05-23',
    parties: ['government', 'mnla', 'hcua', 'maa'],
    notes: '',
    citation: 'NUPI 853',
  };
  const register = (terms: Partial<AgreementTerms>, unknownParties: string[] = []) => ({
    type: 'RegisterAgreement' as const,
    data: { agreementId: 'kidal-ceasefire-2014', terms: { ...kidal, ...terms }, unknownParties },
  });

  it('records the agreement signed by its parties', () => {
    given([]).when(register({}), context).then([{ type: 'AgreementSigned', data: { agreementId: 'kidal-ceasefire-2014', ...kidal } }]);
  });

  it.each([
    ['inForceFrom', { inForceFrom: '2014-05-22' }, [], 'before_signature'],
    ['signedOn', { signedOn: '2030-01-01', inForceFrom: '2030-01-01' }, [], 'in_the_future'],
    ['parties', { parties: ['government'] }, [], 'too_few_parties'],
    ['parties[1]', { parties: ['mnla', 'mnla'] }, [], 'repeated'],
    ['parties', {}, ['maa'], 'actor_unknown'],
  ] as const)('refuses a bad %s', (field, terms, unknown, code) => {
    given([]).when(register(terms as Partial<AgreementTerms>, [...unknown]), context).thenThrows({ kind: 'validation', field, code });
  });

  it('refuses to register it twice', () => {
    given([{ type: 'AgreementSigned', data: { agreementId: 'kidal-ceasefire-2014', ...kidal } }]).when(register({}), context).thenThrows({
      code: 'agreement_exists',
    });
  });
});
