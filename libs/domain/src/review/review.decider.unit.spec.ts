import { deciderSpecification } from '../testing/decider-specification.js';
import type { AgreementFacts, IncidentFacts } from './review.js';
import type { AllegeViolation, RecordFinding } from './review.commands.js';
import type { FindingRecorded, ReviewEvent } from './review.events.js';
import { decideReview, evolveReview, initialReviewState } from './review.decider.js';

const given = deciderSpecification({ decide: decideReview, evolve: evolveReview, initialState: initialReviewState });
const context = { now: new Date('2026-11-27T12:00:00Z') };
const reviewId = 'a7c2e1f0-0000-4000-8000-000000000001';
const incidentId = 'b1f0c5d2-0000-4000-8000-000000000001';

const kidalFighting: IncidentFacts = { status: 'active', occurredAt: '2014-05-17' };
const ouagadougou: AgreementFacts = { status: 'signed', inForceFrom: '2013-06-18', parties: ['government', 'mnla', 'hcua'] };
const facts = { incident: kidalFighting, agreement: ouagadougou, unknownActors: [] as string[] };

const allege = (data: Partial<AllegeViolation['data']> = {}): AllegeViolation => ({
  type: 'AllegeViolation',
  data: { reviewId, incidentId, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'], ...facts, ...data },
});
const find = (data: Partial<RecordFinding['data']> = {}): RecordFinding => ({
  type: 'RecordFinding',
  data: {
    reviewId,
    outcome: 'violation',
    responsibleParties: ['mnla'],
    provisions: ['art. 6'],
    verificationMission: 'EMOV Kidal 2014-05',
    note: 'Fire opened on the governorate by MNLA fighters.',
    ...facts,
    ...data,
  },
});

const alleged: ReviewEvent = {
  type: 'ViolationAlleged',
  data: { reviewId, incidentId, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'], note: '', incidentDate: '2014-05-17' },
};
const found: FindingRecorded['data'] = {
  reviewId,
  outcome: 'violation',
  responsibleParties: ['mnla'],
  provisions: ['art. 6'],
  verificationMission: 'EMOV Kidal 2014-05',
  note: 'Fire opened on the governorate by MNLA fighters.',
};
const violationFound: ReviewEvent = { type: 'FindingRecorded', data: found };
const reopened: ReviewEvent = { type: 'ReviewReopened', data: { reviewId, reason: 'new testimony from the GMS' } };

describe('Review', () => {
  describe('when a violation is alleged', () => {
    it('opens the review with the incident’s day', () => {
      given([]).when(allege({ note: '  Attack on the governorate ' }), context).then([
        { ...alleged, data: { ...alleged.data, note: 'Attack on the governorate' } },
      ] as ReviewEvent[]);
    });

    it('takes the day of an incident recorded with a time', () => {
      given([]).when(allege({ incident: { status: 'active', occurredAt: '2014-05-17T23:30:00+00:00' } }), context).then([alleged]);
    });

    it('refuses an agreement not yet in force on the incident’s day', () => {
      const kidalCeasefire: AgreementFacts = { status: 'signed', inForceFrom: '2014-05-23', parties: ['government', 'mnla', 'hcua', 'maa'] };
      given([]).when(allege({ agreementId: 'kidal-ceasefire-2014', agreement: kidalCeasefire }), context).thenThrows({
        kind: 'illegal_state',
        code: 'agreement_not_in_force',
      });
    });

    it('accepts an incident on the day the agreement comes into force', () => {
      given([]).when(allege({ incident: { status: 'active', occurredAt: '2013-06-18' } }), context).then([
        { ...alleged, data: { ...alleged.data, incidentDate: '2013-06-18' } },
      ] as ReviewEvent[]);
    });

    it.each([
      ['incidentId', { incident: { status: 'unreported' } }, 'incident_unknown'],
      ['agreementId', { agreement: { status: 'unsigned' } }, 'agreement_unknown'],
      ['allegedParties', { allegedParties: [] }, 'required'],
      ['allegedParties[1]', { allegedParties: ['mnla', 'mnla'] }, 'repeated'],
      ['allegedParties', { unknownActors: ['mnla-x'] }, 'actor_unknown'],
      ['allegedBy', { allegedBy: ' ' }, 'required'],
    ] as const)('refuses a bad %s', (field, change, code) => {
      given([]).when(allege(change as Partial<AllegeViolation['data']>), context).thenThrows({ kind: 'validation', field, code });
    });

    it('refuses a retracted incident', () => {
      given([]).when(allege({ incident: { status: 'retracted', occurredAt: '2014-05-17' } }), context).thenThrows({
        kind: 'illegal_state',
        code: 'incident_retracted',
      });
    });

    it('refuses a second review of the incident against the same agreement', () => {
      given([alleged]).when(allege(), context).thenThrows({ kind: 'illegal_state', code: 'review_exists' });
    });
  });

  describe('when a finding is recorded', () => {
    it('records a violation by signatories', () => {
      given([alleged]).when(find(), context).then([violationFound]);
    });

    it('records no violation without responsible parties', () => {
      given([alleged]).when(find({ outcome: 'no_violation', responsibleParties: [], provisions: [], verificationMission: '' }), context).then([
        {
          type: 'FindingRecorded',
          data: { reviewId, outcome: 'no_violation', responsibleParties: [], provisions: [], verificationMission: null, note: found.note },
        },
      ]);
    });

    it('holds a non-signatory responsible only with the reason why', () => {
      given([alleged]).when(find({ responsibleParties: ['mnla', 'gatia'] }), context).thenThrows({
        kind: 'validation',
        code: 'not_a_signatory',
        field: 'responsibleParties',
      });
      given([alleged]).when(find({ responsibleParties: ['mnla', 'gatia'], nonSignatoryReason: 'fought under MNLA command' }), context).then([
        {
          type: 'FindingRecorded',
          data: { ...found, responsibleParties: ['mnla', 'gatia'], nonSignatory: { parties: ['gatia'], reason: 'fought under MNLA command' } },
        },
      ]);
    });

    it.each([
      ['responsibleParties', { responsibleParties: [] }, 'required'],
      ['provisions', { provisions: [] }, 'required'],
      ['note', { note: '' }, 'required'],
      ['outcome', { outcome: 'guilty' }, 'not_allowed'],
      ['responsibleParties', { outcome: 'inconclusive' }, 'responsible_parties_unexpected'],
      ['nonSignatoryReason', { nonSignatoryReason: 'why not' }, 'non_signatory_reason_unexpected'],
      ['responsibleParties', { unknownActors: ['ghost'] }, 'actor_unknown'],
    ] as const)('refuses a bad %s', (field, change, code) => {
      given([alleged]).when(find(change as Partial<RecordFinding['data']>), context).thenThrows({ kind: 'validation', field, code });
    });

    it('checks the incident as it is now: a day amended to before the agreement refuses a violation', () => {
      given([alleged]).when(find({ incident: { status: 'active', occurredAt: '2013-05-01' } }), context).thenThrows({ code: 'agreement_not_in_force' });
    });

    it('refuses a violation on a retracted incident, but lets the review be closed otherwise', () => {
      const retracted: IncidentFacts = { status: 'retracted', occurredAt: '2014-05-17' };
      given([alleged]).when(find({ incident: retracted }), context).thenThrows({ kind: 'illegal_state', code: 'incident_retracted' });
      given([alleged])
        .when(find({ incident: retracted, outcome: 'no_violation', responsibleParties: [], verificationMission: null }), context)
        .then([{ type: 'FindingRecorded', data: { ...found, outcome: 'no_violation', responsibleParties: [], verificationMission: null } }]);
    });

    it('refuses a second finding until the review is reopened', () => {
      given([alleged, violationFound]).when(find(), context).thenThrows({ kind: 'illegal_state', code: 'review_decided' });
      given([alleged, violationFound, reopened]).when(find(), context).then([violationFound]);
    });

    it('refuses a review that was never opened', () => {
      given([]).when(find(), context).thenThrows({ kind: 'not_found', code: 'review_not_found' });
    });
  });

  describe('when reopened', () => {
    it('reopens a decided review with the reason', () => {
      given([alleged, violationFound]).when({ type: 'ReopenReview', data: { reviewId, reason: ' new testimony from the GMS ' } }, context).then([reopened]);
    });

    it.each([
      ['open', [alleged]],
      ['reopened', [alleged, violationFound, reopened]],
    ])('refuses a review that is %s', (_label, events) => {
      given(events).when({ type: 'ReopenReview', data: { reviewId, reason: 'again' } }, context).thenThrows({
        kind: 'illegal_state',
        code: 'review_not_decided',
      });
    });

    it('needs a reason', () => {
      given([alleged, violationFound]).when({ type: 'ReopenReview', data: { reviewId, reason: '' } }, context).thenThrows({ field: 'reason' });
    });
  });

  it('folds to the latest finding and the reopening', () => {
    const state = [alleged, violationFound, reopened].reduce(evolveReview, initialReviewState());
    expect(state).toMatchObject({ status: 'reopened', finding: { outcome: 'violation' }, reopenReason: 'new testimony from the GMS' });
  });
});
