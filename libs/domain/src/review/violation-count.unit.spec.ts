import type { Finding, ReviewState } from './review.js';
import { countViolationsByGroup, type CoalitionMembership, type ReviewedIncident } from './violation-count.js';

const allegation = (allegedParties: string[], agreementId = 'kidal') => ({
  incidentId: 'i1',
  agreementId,
  allegedBy: 'minusma',
  allegedParties,
  note: '',
  incidentDate: '2014-05-17',
});
const finding = (outcome: Finding['outcome'], responsibleParties: string[] = []): Finding => ({ outcome, responsibleParties, provisions: [], verificationMission: null, note: '' });
type Opened = Exclude<ReviewState, { status: 'unopened' }>;
const open = (parties: string[], agreementId?: string): Opened => ({ status: 'open', id: 'r', allegation: allegation(parties, agreementId) });
const decided = (parties: string[], f: Finding): Opened => ({ status: 'decided', id: 'r', allegation: allegation(parties), finding: f });
const on = (occurredOn: string, killed: number | null = 3, retracted = false): ReviewedIncident => ({ occurredOn, killed, retracted });
const counts = (group: string, c: Partial<Record<'alleged' | 'underReview' | 'confirmed' | 'dismissed' | 'inconclusive' | 'killedInConfirmed', number>>, groupKind = 'actor') => ({
  group,
  groupKind,
  alleged: 0,
  underReview: 0,
  confirmed: 0,
  dismissed: 0,
  inconclusive: 0,
  killedInConfirmed: 0,
  ...c,
});

describe('counting violations by group', () => {
  it('counts an open allegation as alleged and under review for each party named', () => {
    expect(countViolationsByGroup([{ review: open(['mnla', 'fama']), incident: on('2014-05-17') }], [])).toEqual([
      counts('fama', { alleged: 1, underReview: 1 }),
      counts('mnla', { alleged: 1, underReview: 1 }),
    ]);
  });

  it('confirms the parties held responsible, alleged or not, and dismisses the alleged ones it did not hold', () => {
    const review = decided(['mnla', 'fama'], finding('violation', ['mnla', 'gatia']));
    expect(countViolationsByGroup([{ review, incident: on('2014-05-17', 36) }], [])).toEqual([
      counts('mnla', { alleged: 1, confirmed: 1, killedInConfirmed: 36 }),
      counts('gatia', { confirmed: 1, killedInConfirmed: 36 }),
      counts('fama', { alleged: 1, dismissed: 1 }),
    ]);
  });

  it('counts an inconclusive finding apart from dismissed, and no figure of dead as none', () => {
    expect(countViolationsByGroup([{ review: decided(['mnla'], finding('inconclusive')), incident: on('2014-05-17', null) }], [])).toEqual([counts('mnla', { alleged: 1, inconclusive: 1 })]);
    expect(countViolationsByGroup([{ review: decided(['mnla'], finding('violation', ['mnla'])), incident: on('2014-05-17', null) }], [])).toEqual([counts('mnla', { alleged: 1, confirmed: 1 })]);
  });

  it('puts a reopened review back under review: its earlier finding no longer counts', () => {
    const review: Opened = { status: 'reopened', id: 'r', allegation: allegation(['mnla']), finding: finding('violation', ['mnla']), reopenReason: 'new evidence' };
    expect(countViolationsByGroup([{ review, incident: on('2014-05-17') }], [])).toEqual([counts('mnla', { alleged: 1, underReview: 1 })]);
  });

  it('still counts a retracted incident’s reviews, and narrows by agreement and by the incident’s day', () => {
    const reviews = [
      { review: open(['mnla']), incident: on('2014-05-17', 3, true) },
      { review: open(['mnla'], 'ouaga'), incident: on('2014-06-01') },
    ];
    expect(countViolationsByGroup(reviews, [])).toEqual([counts('mnla', { alleged: 2, underReview: 2 })]);
    expect(countViolationsByGroup(reviews, [], { agreement: 'ouaga' })).toEqual([counts('mnla', { alleged: 1, underReview: 1 })]);
    expect(countViolationsByGroup(reviews, [], { from: '2014-05-18' })).toEqual([counts('mnla', { alleged: 1, underReview: 1 })]);
    expect(countViolationsByGroup(reviews, [], { to: '2014-05-17' })).toEqual([counts('mnla', { alleged: 1, underReview: 1 })]);
    expect(countViolationsByGroup(reviews, [], { from: '2014-05-18', to: '2014-05-31' })).toEqual([]);
  });

  describe('by coalition', () => {
    const memberships: CoalitionMembership[] = [
      { coalitionId: 'cma', actorId: 'mnla', from: '2014-06-09', to: null },
      { coalitionId: 'cma', actorId: 'hcua', from: '2014-01-01', to: '2014-06-01' },
    ];

    it('counts a review once for a coalition whose members it names twice, confirmed when any member is held responsible', () => {
      const review = decided(['mnla', 'hcua'], finding('violation', ['mnla']));
      expect(countViolationsByGroup([{ review, incident: on('2014-06-09', 5) }], memberships, { rollup: 'coalition' })).toEqual([
        counts('cma', { alleged: 1, confirmed: 1, killedInConfirmed: 5 }, 'coalition'),
        counts('hcua', { alleged: 1, dismissed: 1 }),
      ]);
    });

    it('takes the coalitions on the incident’s day: before joining and from the day of leaving a group stands alone', () => {
      const review = decided(['mnla', 'hcua'], finding('no_violation'));
      expect(countViolationsByGroup([{ review, incident: on('2014-05-31') }], memberships, { rollup: 'coalition' })).toEqual([
        counts('cma', { alleged: 1, dismissed: 1 }, 'coalition'),
        counts('mnla', { alleged: 1, dismissed: 1 }),
      ]);
      expect(countViolationsByGroup([{ review, incident: on('2014-06-01') }], memberships, { rollup: 'coalition' })).toEqual([
        counts('hcua', { alleged: 1, dismissed: 1 }),
        counts('mnla', { alleged: 1, dismissed: 1 }),
      ]);
    });
  });
});
