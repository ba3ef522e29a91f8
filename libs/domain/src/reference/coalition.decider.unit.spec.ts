import { deciderSpecification } from '../testing/decider-specification.js';
import type { AddCoalitionMember } from './coalition.commands.js';
import type { CoalitionEvent } from './coalition.events.js';
import { decideCoalition, evolveCoalition, initialCoalitionState } from './coalition.decider.js';
import { memberOn } from './coalition.js';

const context = { now: new Date('2026-11-27T12:00:00Z') };

describe('Coalition', () => {
  const given = deciderSpecification({ decide: decideCoalition, evolve: evolveCoalition, initialState: initialCoalitionState });
  const formed: CoalitionEvent = {
    type: 'CoalitionFormed',
    data: { coalitionId: 'platform', name: "Plateforme des mouvements d'autodéfense", shortName: 'Platform', note: '', citation: 'NUPI 853' },
  };
  const joined = (actorId: string, from: string): CoalitionEvent => ({ type: 'CoalitionMemberJoined', data: { coalitionId: 'platform', actorId, from } });
  const left = (actorId: string, on: string): CoalitionEvent => ({ type: 'CoalitionMemberLeft', data: { coalitionId: 'platform', actorId, on } });
  const add = (actorId: string, from: string, extra: Partial<AddCoalitionMember['data']> = {}): AddCoalitionMember => ({
    type: 'AddCoalitionMember',
    data: { coalitionId: 'platform', actorId, from, actorRegistered: true, otherMemberships: [], ...extra },
  });

  it('forms a coalition and adds a member from a date', () => {
    given([]).when({ type: 'FormCoalition', data: { coalitionId: 'platform', profile: { ...formed.data } } }, context).then([formed]);
    given([formed]).when(add('gatia', '2014-06-14'), context).then([joined('gatia', '2014-06-14')]);
  });

  it('ends a membership on a later day', () => {
    given([formed, joined('gatia', '2014-06-14')]).when({ type: 'EndCoalitionMembership', data: { coalitionId: 'platform', actorId: 'gatia', on: '2015-01-01' } }, context).then([
      left('gatia', '2015-01-01'),
    ]);
    given([formed, joined('gatia', '2014-06-14')]).when({ type: 'EndCoalitionMembership', data: { coalitionId: 'platform', actorId: 'gatia', on: '2014-06-14' } }, context).thenThrows({
      field: 'on',
      code: 'end_before_start',
    });
    given([formed]).when({ type: 'EndCoalitionMembership', data: { coalitionId: 'platform', actorId: 'gatia', on: '2015-01-01' } }, context).thenThrows({
      code: 'no_open_membership',
    });
  });

  it('lets a group rejoin after it left, not before', () => {
    const history = [formed, joined('cpa', '2014-06-14'), left('cpa', '2014-09-01')];
    given(history).when(add('cpa', '2014-09-01'), context).then([joined('cpa', '2014-09-01')]);
    given(history).when(add('cpa', '2014-08-01'), context).thenThrows({ code: 'membership_overlaps' });
    given([formed, joined('cpa', '2014-06-14')]).when(add('cpa', '2015-01-01'), context).thenThrows({ code: 'already_member' });
  });

  it('keeps a group in one coalition at a time: it switches on the day it leaves the other', () => {
    given([formed]).when(add('cpa', '2014-08-01', { otherMemberships: [{ coalitionId: 'cma', from: '2014-06-01', to: null }] }), context).thenThrows({
      code: 'member_of_another_coalition',
    });
    given([formed]).when(add('cpa', '2014-09-01', { otherMemberships: [{ coalitionId: 'cma', from: '2014-06-01', to: '2014-09-01' }] }), context).then([
      joined('cpa', '2014-09-01'),
    ]);
  });

  it('refuses an unregistered actor or a bad date', () => {
    given([formed]).when(add('ghost', '2014-06-14', { actorRegistered: false }), context).thenThrows({ field: 'actorId', code: 'actor_unknown' });
    given([formed]).when(add('gatia', '2014-06-31'), context).thenThrows({ field: 'from', code: 'bad_date' });
  });

  it('counts a membership from its first day until the day before it ends', () => {
    const membership = { actorId: 'cpa', from: '2014-06-14', to: '2014-09-01' };
    expect(['2014-06-13', '2014-06-14', '2014-08-31', '2014-09-01'].map((day) => memberOn(membership, day))).toEqual([false, true, true, false]);
  });
});
