import type { Decider } from '../decider.js';
import { IllegalStateError, NotFoundError } from '../errors.js';
import type { DecisionContext } from '../incident/incident.commands.js';
import { dayOf } from '../calendar.js';
import { distinctTexts, fail, optionalText, requireText } from '../reference/reference.rules.js';
import { FINDING_OUTCOMES, type AgreementFacts, type Finding, type IncidentFacts, type ReviewState } from './review.js';
import type { RecordFinding, ReviewCommand } from './review.commands.js';
import type { ReviewEvent } from './review.events.js';

export const initialReviewState = (): ReviewState => ({ status: 'unopened' });

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'ViolationAlleged': {
      const { reviewId, ...allegation } = event.data;
      return { status: 'open', id: reviewId, allegation };
    }
    case 'FindingRecorded': {
      if (state.status === 'unopened') return state;
      const { reviewId: _id, ...finding } = event.data;
      return { status: 'decided', id: state.id, allegation: state.allegation, finding };
    }
    case 'ReviewReopened':
      if (state.status !== 'decided') return state;
      return { ...state, status: 'reopened', reopenReason: event.data.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function foldReview(events: readonly ReviewEvent[]): ReviewState {
  return events.reduce(evolveReview, initialReviewState());
}

export function decideReview(command: ReviewCommand, state: ReviewState, _context: DecisionContext): ReviewEvent[] {
  if (command.type === 'AllegeViolation') {
    const { data } = command;
    if (state.status !== 'unopened') {
      throw new IllegalStateError('review_exists', `incident ${data.incidentId} is already under review against ${data.agreementId}: review ${state.id}`);
    }
    const allegedBy = requireText('allegedBy', data.allegedBy, 200);
    const allegedParties = distinctTexts('allegedParties', data.allegedParties, { max: 100 });
    if (allegedParties.length === 0) fail('allegedParties', 'required', 'name at least one party the allegation is against');
    if (data.unknownActors.length) fail('allegedParties', 'actor_unknown', `not registered actors: ${data.unknownActors.join(', ')}`);
    const incidentDate = incidentDay(data.incident, data.incidentId);
    if (data.incident.status === 'retracted') {
      throw new IllegalStateError('incident_retracted', `incident ${data.incidentId} is retracted: there is nothing to review`);
    }
    const agreement = signed(data.agreement, data.agreementId);
    requireInForce(agreement, data.agreementId, incidentDate);
    return [
      {
        type: 'ViolationAlleged',
        data: {
          reviewId: data.reviewId,
          incidentId: data.incidentId,
          agreementId: data.agreementId,
          allegedBy,
          allegedParties,
          note: optionalText('note', data.note),
          incidentDate,
        },
      },
    ];
  }

  if (state.status === 'unopened') throw new NotFoundError('review_not_found', `no review ${command.data.reviewId}`);

  switch (command.type) {
    case 'RecordFinding': {
      if (state.status === 'decided') {
        throw new IllegalStateError('review_decided', `review ${state.id} already has a finding: reopen it to record another`);
      }
      return [{ type: 'FindingRecorded', data: { reviewId: state.id, ...checkFinding(command.data, state.allegation.agreementId) } }];
    }
    case 'ReopenReview': {
      if (state.status !== 'decided') {
        throw new IllegalStateError('review_not_decided', `review ${state.id} has no finding to reopen: it is ${state.status}`);
      }
      return [{ type: 'ReviewReopened', data: { reviewId: state.id, reason: requireText('reason', command.data.reason) } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function checkFinding(data: RecordFinding['data'], agreementId: string): Finding {
  if (!FINDING_OUTCOMES.includes(data.outcome)) fail('outcome', 'not_allowed', `outcome must be one of: ${FINDING_OUTCOMES.join(', ')}`);
  const note = requireText('note', data.note, 5000);
  const responsibleParties = distinctTexts('responsibleParties', data.responsibleParties ?? [], { max: 100 });
  const provisions = distinctTexts('provisions', data.provisions ?? [], { max: 200 });
  const verificationMission = optionalText('verificationMission', data.verificationMission, 200) || null;
  const reason = optionalText('nonSignatoryReason', data.nonSignatoryReason);
  const finding: Finding = { outcome: data.outcome, responsibleParties, provisions, verificationMission, note };

  if (data.outcome !== 'violation') {
    if (responsibleParties.length) fail('responsibleParties', 'responsible_parties_unexpected', 'only a violation has responsible parties');
    if (reason) fail('nonSignatoryReason', 'non_signatory_reason_unexpected', 'only a violation has responsible parties to explain');
    return finding;
  }

  if (responsibleParties.length === 0) fail('responsibleParties', 'required', 'a violation names at least one responsible party');
  if (provisions.length === 0) fail('provisions', 'required', 'a violation names the provisions it breaches');
  if (data.unknownActors.length) fail('responsibleParties', 'actor_unknown', `not registered actors: ${data.unknownActors.join(', ')}`);
  // The incident may have been amended or retracted since the allegation: the finding checks it as it is now.
  const day = incidentDay(data.incident, '');
  if (data.incident.status === 'retracted') {
    throw new IllegalStateError('incident_retracted', 'the incident is retracted: it cannot be found a violation');
  }
  const agreement = signed(data.agreement, agreementId);
  requireInForce(agreement, agreementId, day);
  const nonSignatories = responsibleParties.filter((party) => !agreement.parties.includes(party));
  if (nonSignatories.length && !reason) {
    fail('responsibleParties', 'not_a_signatory', `${nonSignatories.join(', ')} did not sign ${agreementId}: say why they are held to it (nonSignatoryReason)`);
  }
  if (!nonSignatories.length && reason) {
    fail('nonSignatoryReason', 'non_signatory_reason_unexpected', 'every responsible party signed the agreement');
  }
  return nonSignatories.length ? { ...finding, nonSignatory: { parties: nonSignatories, reason } } : finding;
}

function incidentDay(incident: IncidentFacts, incidentId: string): string {
  if (incident.status === 'unreported') fail('incidentId', 'incident_unknown', `no incident ${incidentId}`.trim());
  return dayOf(incident.occurredAt);
}

function signed(agreement: AgreementFacts, agreementId: string): Extract<AgreementFacts, { status: 'signed' }> {
  if (agreement.status === 'unsigned') fail('agreementId', 'agreement_unknown', `no agreement ${agreementId}`);
  return agreement;
}

function requireInForce(agreement: Extract<AgreementFacts, { status: 'signed' }>, agreementId: string, day: string) {
  if (agreement.inForceFrom > day) {
    throw new IllegalStateError('agreement_not_in_force', `${agreementId} was not in force on ${day}: it is in force from ${agreement.inForceFrom}`);
  }
}

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = { decide: decideReview, evolve: evolveReview, initialState: initialReviewState };
