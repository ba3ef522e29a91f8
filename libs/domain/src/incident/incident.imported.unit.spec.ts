import { deciderSpecification } from '../testing/decider-specification.js';
import type { IncidentDetails } from './incident.js';
import type { IncidentEvent } from './incident.events.js';
import { decideIncident, evolveIncident, foldIncident, initialIncidentState } from './incident.decider.js';
import { checkIncidentDetails } from './incident.rules.js';

const given = deciderSpecification({ decide: decideIncident, evolve: evolveIncident, initialState: initialIncidentState });
const context = { now: new Date('2026-11-27T12:00:00Z'), requester: { username: 'importer', roles: ['admin' as const, 'reviewer' as const] } };
const id = 'b1f0c5d2-0000-4000-8000-000000000002';

/** ACLED MLI858 as a dataset row gives it: sides in order, an associated actor, no notes, no injured figure. */
const imported: IncidentDetails = {
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.4411, lon: 1.4078, place: 'Kidal', admin1: 'Kidal', admin2: 'Kidal', admin3: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: [],
  actors: [
    { actorId: 'fama', role: 'side_a' },
    { actorId: 'mnla', role: 'side_b' },
    { actorId: 'hcua', role: 'associated', with: 'side_b' },
  ],
  harm: { killed: 8, injured: null, abducted: null },
  description: '',
  sources: [],
  externalRefs: [{ dataset: 'acled', id: 'MLI858', version: '1618327025' }],
};
const report = (details: IncidentDetails) => ({ type: 'ReportIncident' as const, data: { incidentId: id, details, unknownActors: [] } });
const reported: IncidentEvent = { type: 'IncidentReported', data: { incidentId: id, ...imported } };

describe('Incident imported from a dataset', () => {
  describe('when reported', () => {
    it('keeps an unknown figure as null, not 0', () => {
      given([]).when(report(imported), context).then([reported]);
      expect(foldIncident([reported])).toMatchObject({ details: { harm: { killed: 8, injured: null, abducted: null } } });
    });

    it('accepts an empty description on a record with a dataset reference', () => {
      given([]).when(report({ ...imported, description: '' }), context).then([reported]);
    });

    it('refuses an empty description on a monitor’s own report', () => {
      given([]).when(report({ ...imported, description: ' ', externalRefs: undefined }), context).thenThrows({ code: 'required', field: 'description' });
    });

    it('keeps UCDP’s low, best and high', () => {
      const details = { ...imported, harm: { killed: 8, injured: null, abducted: null, killedRange: { low: 6, high: 12 } } };
      given([]).when(report(details), context).then([{ type: 'IncidentReported', data: { incidentId: id, ...details } }]);
    });

    it.each([
      ['harm.killedRange', { harm: { killed: 13, injured: null, abducted: null, killedRange: { low: 6, high: 12 } } }],
      ['harm.killed', { harm: { killed: null, injured: null, abducted: null, killedRange: { low: 6, high: 12 } } }],
      ['harm.killedRange.low', { harm: { killed: 8, injured: null, abducted: null, killedRange: { low: -1, high: 12 } } }],
      ['harm.killed', { harm: { killed: undefined, injured: 0, abducted: 0 } }],
      ['actors[2].with', { actors: [imported.actors[0], imported.actors[1], { actorId: 'hcua', role: 'associated' }] }],
      ['actors[0].with', { actors: [{ actorId: 'fama', role: 'side_a', with: 'side_b' }] }],
      ['externalRefs[0].dataset', { externalRefs: [{ dataset: 'gtd', id: '1', version: '1' }] }],
      ['externalRefs[1].dataset', { externalRefs: [imported.externalRefs![0], { dataset: 'acled', id: 'MLI859', version: '1' }] }],
      ['externalRefs[0].id', { externalRefs: [{ dataset: 'acled', id: '', version: '1' }] }],
      ['location.admin2', { location: { ...imported.location, admin2: 'Ki\u0000dal' } }],
    ])('refuses %s', (field, change) => {
      given([]).when(report({ ...imported, ...change } as IncidentDetails), context).thenThrows({ field });
    });
  });

  describe('when a newer snapshot is amended in', () => {
    it('carries only the fields that changed: the figure and the reference’s version', () => {
      const changes = { harm: { killed: 9, injured: null, abducted: null }, externalRefs: [{ dataset: 'acled' as const, id: 'MLI858', version: '1700000000' }] };
      given([reported])
        .when({ type: 'AmendIncident', data: { incidentId: id, changes: { ...imported, ...changes }, reason: 'ACLED snapshot', unknownActors: [] } }, context)
        .then([{ type: 'IncidentAmended', data: { incidentId: id, changes, reason: 'ACLED snapshot' } }]);
    });
  });

  it('still reads an event recorded before the model grew (numbers, no admin2, no references)', () => {
    const old = { ...imported, actors: [{ actorId: 'mnla', role: 'perpetrator' as const }], harm: { killed: 8, injured: 25, abducted: 30 }, description: 'Fighting.' };
    delete old.externalRefs;
    const state = foldIncident([{ type: 'IncidentReported', data: { incidentId: id, ...old, location: { lat: 18.44, lon: 1.4, place: 'Kidal', admin1: 'Kidal', precision: 'exact' } } }]);
    if (state.status !== 'active') throw new Error('not folded');
    expect(() => checkIncidentDetails(state.details, context.now)).not.toThrow();
  });
});
