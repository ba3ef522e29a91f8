import type { Decider } from '../decider.js';
import { IllegalStateError } from '../errors.js';
import type { DecisionContext } from '../incident/incident.commands.js';
import type { AgreementState } from './agreement.js';
import type { AgreementCommand } from './agreement.commands.js';
import type { AgreementEvent } from './agreement.events.js';
import { checkSlug, distinctTexts, fail, optionalText, requireDate, requireText } from './reference.rules.js';

export const initialAgreementState = (): AgreementState => ({ status: 'unsigned' });

export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  switch (event.type) {
    case 'AgreementSigned': {
      const { agreementId, ...terms } = event.data;
      return { status: 'signed', id: agreementId, ...terms };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}

export function decideAgreement(command: AgreementCommand, state: AgreementState, { now }: DecisionContext): AgreementEvent[] {
  switch (command.type) {
    case 'RegisterAgreement': {
      const { agreementId, terms, unknownParties } = command.data;
      checkSlug('id', agreementId);
      if (state.status !== 'unsigned') throw new IllegalStateError('agreement_exists', `agreement ${agreementId} is already registered`);
      const signedOn = requireDate('signedOn', terms.signedOn);
      const inForceFrom = requireDate('inForceFrom', terms.inForceFrom);
      if (signedOn > now.toISOString().slice(0, 10)) fail('signedOn', 'in_the_future', 'signedOn cannot be in the future');
      if (inForceFrom < signedOn) fail('inForceFrom', 'before_signature', 'an agreement cannot be in force before it is signed');
      const parties = distinctTexts('parties', terms.parties);
      if (parties.length < 2) fail('parties', 'too_few_parties', 'an agreement has at least two parties');
      if (unknownParties.length) fail('parties', 'actor_unknown', `not registered actors: ${unknownParties.join(', ')}`);
      return [
        {
          type: 'AgreementSigned',
          data: {
            agreementId,
            name: requireText('name', terms.name, 500),
            signedOn,
            inForceFrom,
            parties,
            notes: optionalText('notes', terms.notes, 5000),
            citation: optionalText('citation', terms.citation),
          },
        },
      ];
    }
    default: {
      const unknown: never = command.type;
      return unknown;
    }
  }
}

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = { decide: decideAgreement, evolve: evolveAgreement, initialState: initialAgreementState };
