import { summarizeFinding, summaryTextParts, type TimelineSummary } from './timeline-summary.js';

const reported = (actors: { actorId: string; role: string }[], note = {}): TimelineSummary => ({
  code: 'incident.reported',
  params: { type: 'battles', subType: 'armed_clash', place: 'Kidal', admin1: 'Kidal', occurredAt: '2014-05-17', timePrecision: 'day', actors, killed: 36, injured: 0, abducted: null, ...note },
});

describe('A timeline summary in English, as stored', () => {
  it('leaves each actor as a reference between the texts, once per actor and side', () => {
    const actors = [
      { actorId: 'mnla', role: 'perpetrator' },
      { actorId: 'hcua', role: 'perpetrator' },
      { actorId: 'mnla', role: 'perpetrator' },
      { actorId: 'fama', role: 'target' },
    ];
    expect(summaryTextParts(reported(actors))).toEqual([
      'Reported: armed clash in Kidal — ', 'actor:mnla', ', ', 'actor:hcua', ' against ', 'actor:fama', '; 36 killed, no figure for abducted',
    ]);
  });

  it('is one text when it names no one', () => {
    expect(summaryTextParts({ code: 'incident.verification_changed', params: { from: 'reported', to: 'verified', note: 'Site  visit:\n"a" \\ b' } })).toEqual([
      'Verification: reported → verified — Site visit: "a" \\ b',
    ]);
  });

  it('names the agreement and the responsible parties of a finding by reference', () => {
    const finding = summarizeFinding({ outcome: 'violation', responsibleParties: ['mnla', { actorId: 'hcua' }], provisions: ['art. 6'], note: 'Breach.' }, 'ouagadougou-2013');
    expect(summaryTextParts(finding)).toEqual(['Finding: violation of ', 'agreement:ouagadougou-2013', ' by ', 'actor:mnla', ', ', 'actor:hcua', ' — Breach.']);
    expect(summaryTextParts(summarizeFinding({ outcome: 'inconclusive', note: '' }, 'ouagadougou-2013'))).toEqual([
      'Finding: inconclusive (', 'agreement:ouagadougou-2013', ')',
    ]);
  });

  it('names the actors of an amendment on both sides', () => {
    const amended: TimelineSummary = {
      code: 'incident.amended',
      params: { changes: [{ field: 'actors', before: [{ actorId: 'unidentified-armed-group', role: 'perpetrator' }], after: [{ actorId: 'mnla', role: 'perpetrator' }] }], reason: 'Attribution.' },
    };
    expect(summaryTextParts(amended)).toEqual(['Amended: actors ', 'actor:unidentified-armed-group', ' → ', 'actor:mnla', '. Reason: Attribution.']);
  });
});
