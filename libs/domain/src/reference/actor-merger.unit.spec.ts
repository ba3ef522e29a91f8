import { deciderSpecification } from '../testing/decider-specification.js';
import type { ActorProfile } from './actor.js';
import { actorIdFromName, foldName } from './actor-names.js';
import { actorDecider } from './actor.decider.js';
import type { ActorEvent } from './actor.events.js';

const given = deciderSpecification(actorDecider);
const context = { now: new Date('2026-11-27T12:00:00Z') };
const profile: ActorProfile = { name: 'Ganda Koy', shortName: 'Ganda Koy', aliases: [], kind: 'militia', inter: 3, note: '', citation: '', provisional: true };
const registered: ActorEvent = { type: 'ActorRegistered', data: { actorId: 'ganda-koy', ...profile } };
const survivor = { status: 'registered' as const };

describe('Actor', () => {
  describe('when created provisional by an import', () => {
    it('records that it is provisional', () => {
      given([])
        .when({ type: 'RegisterActor', data: { actorId: 'ganda-koy', profile, aliasesInUse: [] } }, context)
        .then([registered]);
    });

    it('is confirmed once, with a reason', () => {
      const confirm = { type: 'ConfirmActor' as const, data: { actorId: 'ganda-koy', reason: 'a militia in its own right' } };
      given([registered]).when(confirm, context).then([{ type: 'ActorConfirmed', data: confirm.data }]);
      given([registered, { type: 'ActorConfirmed', data: confirm.data }]).when(confirm, context).thenThrows({ code: 'actor_not_provisional' });
    });
  });

  describe('when merged', () => {
    const merge = (into: string, found: { status: 'registered' | 'unregistered'; mergedInto?: string } = survivor) => ({
      type: 'MergeActor' as const,
      data: { actorId: 'ganda-koy', into, survivor: found, reason: 'same group' },
    });

    it('records the merger into the survivor', () => {
      given([registered]).when(merge('ganda-iso'), context).then([{ type: 'ActorMerged', data: { actorId: 'ganda-koy', into: 'ganda-iso', reason: 'same group' } }]);
    });

    it('refuses a merger into itself, into no actor, into a merged actor, and any change after', () => {
      given([registered]).when(merge('ganda-koy'), context).thenThrows({ code: 'merge_into_itself', field: 'into' });
      given([registered]).when(merge('nobody', { status: 'unregistered' }), context).thenThrows({ code: 'actor_not_found' });
      given([registered]).when(merge('old', { status: 'registered', mergedInto: 'newer' }), context).thenThrows({ code: 'merge_into_merged' });
      const merged: ActorEvent = { type: 'ActorMerged', data: { actorId: 'ganda-koy', into: 'ganda-iso', reason: 'same group' } };
      given([registered, merged]).when(merge('fama'), context).thenThrows({ code: 'actor_merged' });
    });
  });

  describe('names', () => {
    it('fold case, accents and punctuation', () => {
      expect(foldName("Mouvement National pour la Libération de l'Azawad")).toBe(foldName('MOUVEMENT NATIONAL POUR LA LIBERATION DE L AZAWAD'));
      expect(foldName('Militia (Ganda-Koy)')).toBe('militia ganda koy');
    });

    it('give a provisional actor a readable id the register accepts', () => {
      expect(actorIdFromName('Unidentified Armed Group (Mali)')).toBe('unidentified-armed-group-mali');
      expect(actorIdFromName('Forces armées maliennes (2012-)')).toBe('forces-armees-maliennes-2012');
      expect(actorIdFromName('x'.repeat(300))).toHaveLength(56);
    });
  });
});
