import { actorNamed, matchActors, type ActorName } from '../src/actor-search.js';

const actor = (id: string, name: string, shortName: string, aliases: string[] = [], extra: Partial<ActorName> = {}): ActorName => ({ id, name, shortName, aliases, kind: 'rebel_group', ...extra });
const actors = [
  actor('mnla', "Mouvement national pour la libération de l'Azawad", 'MNLA', ['MNLA: National Movement for the Liberation of Azawad']),
  actor('maa', 'Mouvement arabe de l’Azawad', 'MAA'),
  actor('fama', 'Forces Armées Maliennes', 'FAMa', ['Military Forces of Mali (2013-)'], { kind: 'state_forces' }),
  actor('old-mnla', 'Old MNLA', 'OLD', [], { mergedInto: 'mnla' }),
];
const ids = (typed: string) => matchActors(actors, typed).map((m) => m.actor.id);

describe('Finding actors by what a monitor types', () => {
  it('matches part of a name whatever the case, accents and punctuation', () => {
    expect(ids('LIBERATION DE L')).toEqual(['mnla']);
    expect(ids('libération de l’azawad')).toEqual(['mnla']);
    expect(ids('azawad')).toEqual(['maa', 'mnla']);
  });

  it('puts an exact name before names that start with the text, before names that contain it', () => {
    expect(ids('maa')).toEqual(['maa']);
    expect(ids('ma')).toEqual(['maa', 'fama']);
    expect(ids('mali')).toEqual(['fama']);
  });

  it('says which alias matched when neither name did, and never offers a merged actor', () => {
    expect(matchActors(actors, 'military forces')).toEqual([{ actor: actors[2], alias: 'Military Forces of Mali (2013-)' }]);
    expect(ids('old')).toEqual([]);
  });

  it('resolves a whole id, name, short name or alias to its one actor, and nothing else', () => {
    expect(actorNamed(actors, 'fama')?.id).toBe('fama');
    expect(actorNamed(actors, 'forces armees maliennes')?.id).toBe('fama');
    expect(actorNamed(actors, 'MILITARY FORCES OF MALI (2013-)')?.id).toBe('fama');
    expect(actorNamed(actors, 'azawad')).toBeUndefined();
    expect(actorNamed(actors, 'Old MNLA')).toBeUndefined();
  });
});
