import { deciderSpecification } from '../testing/decider-specification.js';
import type { ActorProfile } from './actor.js';
import type { ActorEvent } from './actor.events.js';
import { decideActor, evolveActor, initialActorState } from './actor.decider.js';

const context = { now: new Date('2026-11-27T12:00:00Z') };

describe('Actor', () => {
  const given = deciderSpecification({ decide: decideActor, evolve: evolveActor, initialState: initialActorState });
  const mnla: ActorProfile = {
    name: "Mouvement national pour la libération de l'Azawad",
    shortName: 'MNLA',
    aliases: ['National Movement for the Liberation of Azawad (MNLA)'],
    kind: 'rebel_group',
    inter: 2,
    note: '',
    citation: 'NUPI 853',
  };
  const registered: ActorEvent = { type: 'ActorRegistered', data: { actorId: 'mnla', ...mnla } };

  it('registers an actor with its aliases', () => {
    given([]).when({ type: 'RegisterActor', data: { actorId: 'mnla', profile: mnla, aliasesInUse: [] } }, context).then([registered]);
  });

  it.each([
    ['id', { actorId: 'MNLA!' }, 'bad_id'],
    ['kind', { profile: { ...mnla, kind: 'bandits' } }, 'not_allowed'],
    ['inter', { profile: { ...mnla, inter: 9 } }, 'not_allowed'],
    ['aliases[1]', { profile: { ...mnla, aliases: ['MNLA fighters', 'mnla FIGHTERS'] } }, 'repeated'],
    ['aliases[0]', { aliasesInUse: [{ alias: 'national movement for the liberation of azawad (mnla)', actorId: 'hcua' }] }, 'alias_in_use'],
  ] as const)('refuses a bad %s', (field, change, code) => {
    const data = { actorId: 'mnla', profile: mnla, aliasesInUse: [], ...change } as never;
    given([]).when({ type: 'RegisterActor', data }, context).thenThrows({ kind: 'validation', field, code });
  });

  it('refuses to register the same id twice', () => {
    given([registered]).when({ type: 'RegisterActor', data: { actorId: 'mnla', profile: mnla, aliasesInUse: [] } }, context).thenThrows({
      code: 'actor_exists',
    });
  });

  it('renames, keeping the former names in the event', () => {
    given([registered]).when({ type: 'RenameActor', data: { actorId: 'mnla', name: 'MNLA (CMA)', shortName: 'MNLA', reason: 'joined the CMA' } }, context).then([
      { type: 'ActorRenamed', data: { actorId: 'mnla', from: { name: mnla.name, shortName: 'MNLA' }, to: { name: 'MNLA (CMA)', shortName: 'MNLA' }, reason: 'joined the CMA' } },
    ]);
  });

  it('adds an alias once, and only one no other actor uses', () => {
    const add = (alias: string, aliasesInUse: { alias: string; actorId: string }[] = []) =>
      given([registered]).when({ type: 'AddActorAlias', data: { actorId: 'mnla', alias, aliasesInUse } }, context);
    add('MNLA: National Movement for the Liberation of Azawad').then([
      { type: 'ActorAliasAdded', data: { actorId: 'mnla', alias: 'MNLA: National Movement for the Liberation of Azawad' } },
    ]);
    add('national movement for the liberation of azawad (MNLA)').thenThrows({ code: 'alias_exists' });
    add('HCUA', [{ alias: 'hcua', actorId: 'hcua' }]).thenThrows({ code: 'alias_in_use', field: 'alias' });
  });

  it('reclassifies with a reason, and refuses a change that changes nothing', () => {
    given([registered]).when({ type: 'ReclassifyActor', data: { actorId: 'mnla', kind: 'militia', inter: 3, reason: 'recoded' } }, context).then([
      { type: 'ActorReclassified', data: { actorId: 'mnla', from: { kind: 'rebel_group', inter: 2 }, to: { kind: 'militia', inter: 3 }, reason: 'recoded' } },
    ]);
    given([registered]).when({ type: 'ReclassifyActor', data: { actorId: 'mnla', kind: 'rebel_group', inter: 2, reason: 'x' } }, context).thenThrows({
      code: 'classification_unchanged',
    });
  });

  it('refuses a change to an actor never registered', () => {
    given([]).when({ type: 'AddActorAlias', data: { actorId: 'mnla', alias: 'x', aliasesInUse: [] } }, context).thenThrows({ kind: 'not_found' });
  });
});
