import { deciderSpecification } from '../testing/decider-specification.js';
import type { IncidentDetails } from './incident.js';
import type { IncidentEvent } from './incident.events.js';
import { decideIncident, evolveIncident, initialIncidentState } from './incident.decider.js';

const given = deciderSpecification({ decide: decideIncident, evolve: evolveIncident, initialState: initialIncidentState });
const now = new Date('2026-11-27T12:00:00Z');
// A reviewer corrects any incident: the rules about whose report it is are their own describe below.
const context = { now, requester: { username: 'amina', roles: ['reviewer' as const] } };
const id = 'b1f0c5d2-0000-4000-8000-000000000001';

const kidal: IncidentDetails = {
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.4411, lon: 1.4078, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [
    { actorId: 'mnla', role: 'perpetrator' },
    { actorId: 'fama', role: 'target' },
  ],
  harm: { killed: 8, injured: 25, abducted: 30 },
  description: 'Fighting during the Prime Minister’s visit to the governorate.',
  sources: [{ id: 's1', kind: 'research', reference: 'NUPI 853', reliability: 'reliable', confidential: false }],
};
const reported: IncidentEvent = { type: 'IncidentReported', data: { incidentId: id, ...kidal } };
const retracted: IncidentEvent = { type: 'IncidentRetracted', data: { incidentId: id, reason: 'false_report', note: 'never happened' } };

describe('Incident', () => {
  describe('when reported', () => {
    it('records the report', () => {
      given([]).when({ type: 'ReportIncident', data: { incidentId: id, details: kidal, unknownActors: [] } }, context).then([reported]);
    });

    it('accepts a date-time with an offset', () => {
      const details = { ...kidal, occurredAt: '2014-05-17T10:30:00+00:00' };
      given([]).when({ type: 'ReportIncident', data: { incidentId: id, details, unknownActors: [] } }, context).then([
        { type: 'IncidentReported', data: { incidentId: id, ...details } },
      ]);
    });

    it.each([
      ['location.lat', { location: { ...kidal.location, lat: 91 } }],
      ['location.lon', { location: { ...kidal.location, lon: -180.5 } }],
      ['occurredAt', { occurredAt: '2027-01-01' }],
      ['occurredAt', { occurredAt: '1959-12-31' }],
      ['occurredAt', { occurredAt: '2014-02-30' }],
      ['occurredAt', { occurredAt: '17/05/2014' }],
      ['subType', { subType: 'grenade' }],
      ['harm.killed', { harm: { ...kidal.harm, killed: -1 } }],
      ['harm.injured', { harm: { ...kidal.harm, injured: 1.5 } }],
      ['harm.killed', { harm: { ...kidal.harm, killed: 2_147_483_648 } }],
      ['harm.abducted', { harm: { ...kidal.harm, abducted: 1_000_001 } }],
      ['occurredAt', { occurredAt: '2014-W20-3' }],
      ['occurredAt', { occurredAt: '2014-05' }],
      ['location.place', { location: { ...kidal.location, place: 'Ki\u0000dal' } }],
      ['description', { description: 'lone \uD800 surrogate' }],
      ['sources[0].reference', { sources: [{ ...kidal.sources[0], reference: 'name\u0000hidden' }] }],
      ['targets[0]', { targets: ['journalists'] }],
      ['actors[1].role', { actors: [kidal.actors[0], { actorId: 'fama', role: 'bystander' }] }],
      ['sources[1].id', { sources: [kidal.sources[0], kidal.sources[0]] }],
      ['description', { description: '   ' }],
    ])('refuses a bad %s', (field, change) => {
      const details = { ...kidal, ...change } as IncidentDetails;
      given([]).when({ type: 'ReportIncident', data: { incidentId: id, details, unknownActors: [] } }, context).thenThrows({ kind: 'validation', field });
    });

    it('refuses an actor that is not registered, naming it', () => {
      given([]).when({ type: 'ReportIncident', data: { incidentId: id, details: kidal, unknownActors: ['fama'] } }, context).thenThrows({
        kind: 'illegal_state',
        code: 'actor_not_registered',
        field: 'actors[1].actorId',
      });
    });

    it('refuses to report the same incident twice', () => {
      given([reported]).when({ type: 'ReportIncident', data: { incidentId: id, details: kidal, unknownActors: [] } }, context).thenThrows({
        kind: 'concurrency',
        code: 'incident_exists',
      });
    });
  });

  describe('when amended', () => {
    it('records only the fields that changed, with the reason', () => {
      const changes = { harm: { killed: 36, injured: 25, abducted: 30 }, description: kidal.description, timePrecision: 'day' as const };
      given([reported]).when({ type: 'AmendIncident', data: { incidentId: id, changes, reason: 'GMS casualty list', unknownActors: [] } }, context).then([
        { type: 'IncidentAmended', data: { incidentId: id, changes: { harm: changes.harm }, reason: 'GMS casualty list' } },
      ]);
    });

    it('treats the same object with keys in another order as unchanged', () => {
      const location = { precision: 'exact' as const, admin1: 'Kidal', place: 'Kidal', lon: 1.4078, lat: 18.4411 };
      given([reported]).when({ type: 'AmendIncident', data: { incidentId: id, changes: { location }, reason: 'x', unknownActors: [] } }, context).thenThrows({
        code: 'amendment_changes_nothing',
      });
    });

    it('checks the amended record against the rules', () => {
      given([reported]).when({ type: 'AmendIncident', data: { incidentId: id, changes: { type: 'riots' }, reason: 'recoded', unknownActors: [] } }, context).thenThrows({
        field: 'subType',
      });
    });

    it('needs a reason', () => {
      given([reported]).when({ type: 'AmendIncident', data: { incidentId: id, changes: { description: 'new' }, reason: ' ', unknownActors: [] } }, context).thenThrows({
        field: 'reason',
      });
    });

    it('refuses an incident that was never reported', () => {
      given([]).when({ type: 'AmendIncident', data: { incidentId: id, changes: { description: 'x' }, reason: 'y', unknownActors: [] } }, context).thenThrows({
        kind: 'not_found',
      });
    });
  });

  describe('when its verification changes', () => {
    it('records the step from the current level', () => {
      given([reported]).when({ type: 'SetVerification', data: { incidentId: id, level: 'corroborated', note: 'EMOV visit' } }, context).then([
        { type: 'IncidentVerificationChanged', data: { incidentId: id, from: 'reported', to: 'corroborated', note: 'EMOV visit' } },
      ]);
    });

    it('refuses a change to the level it already has', () => {
      given([reported]).when({ type: 'SetVerification', data: { incidentId: id, level: 'reported', note: 'x' } }, context).thenThrows({
        code: 'verification_unchanged',
      });
    });
  });

  describe('when retracted', () => {
    const other = 'b1f0c5d2-0000-4000-8000-000000000002';

    it('records a duplicate of another active incident', () => {
      given([reported]).when(
        { type: 'RetractIncident', data: { incidentId: id, reason: 'duplicate', note: 'same clash', duplicateOf: { incidentId: other, status: 'active' } } },
        context,
      ).then([{ type: 'IncidentRetracted', data: { incidentId: id, reason: 'duplicate', note: 'same clash', duplicateOf: other } }]);
    });

    it.each([
      ['missing', undefined, 'duplicate_of_required'],
      ['unknown', { incidentId: other, status: 'unreported' as const }, 'duplicate_of_unknown'],
      ['itself', { incidentId: id, status: 'active' as const }, 'duplicate_of_itself'],
    ])('refuses a duplicate whose original is %s', (_label, duplicateOf, code) => {
      given([reported]).when({ type: 'RetractIncident', data: { incidentId: id, reason: 'duplicate', note: 'n', duplicateOf } }, context).thenThrows({
        code,
        field: 'duplicateOf',
      });
    });

    it.each([
      { type: 'AmendIncident' as const, data: { incidentId: id, changes: { description: 'x' }, reason: 'y', unknownActors: [] } },
      { type: 'SetVerification' as const, data: { incidentId: id, level: 'verified' as const, note: 'y' } },
      { type: 'RetractIncident' as const, data: { incidentId: id, reason: 'false_report' as const, note: 'again' } },
    ])('accepts no further change ($type)', (command) => {
      given([reported, retracted]).when(command, context).thenThrows({ kind: 'illegal_state', code: 'incident_retracted' });
    });
  });

  describe('when a monitor corrects it', () => {
    const byFatou: IncidentEvent = { ...reported, metadata: { userId: 'fatou' } };
    const amend = { type: 'AmendIncident' as const, data: { incidentId: id, changes: { description: 'Heavier fighting.' }, reason: 'second source', unknownActors: [] } };
    const retract = { type: 'RetractIncident' as const, data: { incidentId: id, reason: 'false_report' as const, note: 'never happened' } };
    const monitor = (username: string) => ({ now, requester: { username, roles: ['monitor' as const] } });

    it('lets the monitor who reported it amend and retract it', () => {
      given([byFatou]).when(amend, monitor('fatou')).then([
        { type: 'IncidentAmended', data: { incidentId: id, changes: { description: 'Heavier fighting.' }, reason: 'second source' } },
      ]);
      given([byFatou]).when(retract, monitor('fatou')).then([{ type: 'IncidentRetracted', data: { incidentId: id, reason: 'false_report', note: 'never happened' } }]);
    });

    it("refuses another monitor's amendment or retraction", () => {
      given([byFatou]).when(amend, monitor('moussa')).thenThrows({ kind: 'forbidden', code: 'not_your_report' });
      given([byFatou]).when(retract, monitor('moussa')).thenThrows({ kind: 'forbidden', code: 'not_your_report' });
    });

    it('refuses another monitor even when the incident is retracted (not their record to know about)', () => {
      given([byFatou, retracted]).when(amend, monitor('moussa')).thenThrows({ code: 'not_your_report' });
    });

    it('still lets a reviewer correct it', () => {
      given([byFatou]).when(retract, { now, requester: { username: 'amina', roles: ['reviewer'] } }).then([
        { type: 'IncidentRetracted', data: { incidentId: id, reason: 'false_report', note: 'never happened' } },
      ]);
    });

    it('answers not found for an unknown incident, whoever asks', () => {
      given([]).when(amend, monitor('moussa')).thenThrows({ kind: 'not_found', code: 'incident_not_found' });
    });
  });

  describe('when a source is forgotten', () => {
    const erase = { type: 'EraseSource' as const, data: { incidentId: id, sourceId: 's1' } };
    const erasedEvent: IncidentEvent = { type: 'IncidentSourceErased', data: { incidentId: id, sourceId: 's1' } };

    it('records the erasure, even on a retracted incident', () => {
      given([reported]).when(erase, context).then([erasedEvent]);
      given([reported, retracted]).when(erase, context).then([erasedEvent]);
    });

    it('leaves the folded record without the reference', () => {
      const state = [reported, erasedEvent].reduce(evolveIncident, initialIncidentState());
      expect(state.status === 'active' && state.details.sources[0]).toMatchObject({ id: 's1', reference: '[erased]', erased: true });
    });

    it('refuses an unknown or already erased source', () => {
      given([reported]).when({ ...erase, data: { incidentId: id, sourceId: 'nope' } }, context).thenThrows({ code: 'source_not_found' });
      given([reported, erasedEvent]).when(erase, context).thenThrows({ code: 'source_erased' });
    });

    const amendSources = (sources: IncidentDetails['sources'], harm = kidal.harm) => ({
      type: 'AmendIncident' as const,
      data: { incidentId: id, changes: { sources, harm }, reason: 'new toll', unknownActors: [] },
    });
    const placeholder = { ...kidal.sources[0], reference: '[erased]' };

    it('refuses an amendment that gives an erased source a reference again', () => {
      given([reported, erasedEvent]).when(amendSources([{ ...kidal.sources[0], reference: 'a new number' }]), context).thenThrows({
        kind: 'illegal_state',
        code: 'source_erased',
      });
    });

    it('keeps the erased placeholder sent back with other changes (without its erased flag too)', () => {
      const harm = { ...kidal.harm, killed: 9 };
      given([reported, erasedEvent]).when(amendSources([placeholder], harm), context).then([
        { type: 'IncidentAmended', data: { incidentId: id, changes: { harm }, reason: 'new toll' } },
      ]);
    });
  });
});
