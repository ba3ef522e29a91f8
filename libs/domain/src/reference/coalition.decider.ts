import type { Decider } from '../decider.js';
import { IllegalStateError, NotFoundError } from '../errors.js';
import type { DecisionContext } from '../incident/incident.commands.js';
import { overlapsFrom, type CoalitionState } from './coalition.js';
import type { CoalitionCommand } from './coalition.commands.js';
import type { CoalitionEvent } from './coalition.events.js';
import { checkSlug, fail, optionalText, requireDate, requireText } from './reference.rules.js';

export const initialCoalitionState = (): CoalitionState => ({ status: 'unformed' });

export function evolveCoalition(state: CoalitionState, event: CoalitionEvent): CoalitionState {
  switch (event.type) {
    case 'CoalitionFormed': {
      const { coalitionId, ...profile } = event.data;
      return { status: 'formed', id: coalitionId, ...profile, memberships: [] };
    }
    case 'CoalitionMemberJoined':
      if (state.status === 'unformed') return state;
      return { ...state, memberships: [...state.memberships, { actorId: event.data.actorId, from: event.data.from, to: null }] };
    case 'CoalitionMemberLeft':
      if (state.status === 'unformed') return state;
      return {
        ...state,
        memberships: state.memberships.map((m) => (m.actorId === event.data.actorId && m.to === null ? { ...m, to: event.data.on } : m)),
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideCoalition(command: CoalitionCommand, state: CoalitionState, _context: DecisionContext): CoalitionEvent[] {
  if (command.type === 'FormCoalition') {
    checkSlug('id', command.data.coalitionId);
    if (state.status !== 'unformed') throw new IllegalStateError('coalition_exists', `coalition ${command.data.coalitionId} already exists`);
    const { profile } = command.data;
    return [
      {
        type: 'CoalitionFormed',
        data: {
          coalitionId: command.data.coalitionId,
          name: requireText('name', profile.name, 200),
          shortName: requireText('shortName', profile.shortName, 100),
          note: optionalText('note', profile.note),
          citation: optionalText('citation', profile.citation),
        },
      },
    ];
  }

  if (state.status === 'unformed') throw new NotFoundError('coalition_not_found', `no coalition ${command.data.coalitionId}`);

  switch (command.type) {
    case 'AddCoalitionMember': {
      const { actorId } = command.data;
      const from = requireDate('from', command.data.from);
      if (!command.data.actorRegistered) fail('actorId', 'actor_unknown', `no actor ${actorId} is registered`);
      const own = state.memberships.filter((m) => m.actorId === actorId);
      if (own.some((m) => m.to === null)) throw new IllegalStateError('already_member', `${actorId} is already a member of ${state.shortName}`);
      const clash = own.find((m) => overlapsFrom(from, m));
      if (clash) throw new IllegalStateError('membership_overlaps', `${actorId} was a member of ${state.shortName} until ${clash.to}, after ${from}`);
      // A group belongs to one coalition at a time, or the roll-up would count it twice.
      const elsewhere = command.data.otherMemberships.find((m) => m.coalitionId !== state.id && overlapsFrom(from, m));
      if (elsewhere) {
        throw new IllegalStateError(
          'member_of_another_coalition',
          `${actorId} is a member of ${elsewhere.coalitionId} ${elsewhere.to ? `until ${elsewhere.to}` : 'with no end'}: end that membership first`,
        );
      }
      return [{ type: 'CoalitionMemberJoined', data: { coalitionId: state.id, actorId, from } }];
    }
    case 'EndCoalitionMembership': {
      const { actorId } = command.data;
      const on = requireDate('on', command.data.on);
      const open = state.memberships.find((m) => m.actorId === actorId && m.to === null);
      if (!open) throw new IllegalStateError('no_open_membership', `${actorId} is not a member of ${state.shortName}`);
      if (on <= open.from) fail('on', 'end_before_start', `the membership began on ${open.from}: it must end after that day`);
      return [{ type: 'CoalitionMemberLeft', data: { coalitionId: state.id, actorId, on } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const coalitionDecider: Decider<CoalitionCommand, CoalitionEvent, CoalitionState> = { decide: decideCoalition, evolve: evolveCoalition, initialState: initialCoalitionState };
