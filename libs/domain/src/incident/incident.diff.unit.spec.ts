import type { IncidentDetails, IncidentState } from './incident.js';
import { changedFields, diffAmendment, diffIncidentStates } from './incident.diff.js';

const details: IncidentDetails = {
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.44, lon: 1.41, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [{ actorId: 'unidentified-armed-group', role: 'perpetrator' }],
  harm: { killed: 8, injured: 0, abducted: 0 },
  description: 'Fighting at the governorate.',
  sources: [],
};
const active = (changes: Partial<IncidentDetails> = {}, verification: 'reported' | 'corroborated' = 'reported'): IncidentState => ({
  status: 'active',
  id: 'x',
  details: { ...details, ...changes },
  verification,
});

describe('Incident diff', () => {
  it('says nothing when nothing changed', () => {
    expect(diffIncidentStates(active(), active())).toEqual([]);
  });

  it('names each changed field with its old and new value', () => {
    const after = active({ harm: { killed: 36, injured: 0, abducted: 0 }, actors: [{ actorId: 'mnla', role: 'perpetrator' }] }, 'corroborated');
    expect(diffIncidentStates(active(), after)).toEqual([
      { field: 'verification', before: 'reported', after: 'corroborated' },
      { field: 'actors', before: [{ actorId: 'unidentified-armed-group', role: 'perpetrator' }], after: [{ actorId: 'mnla', role: 'perpetrator' }] },
      { field: 'harm.killed', before: 8, after: 36 },
    ]);
  });

  it('goes into the location field by field', () => {
    const after = active({ location: { ...details.location, place: 'Aguelhok', lat: 19.46 } });
    expect(changedFields(active(), after)).toEqual(['location.lat', 'location.place']);
  });

  it('shows a retraction as a change of status with its reason', () => {
    const before = active();
    const after: IncidentState = { ...(before as Extract<IncidentState, { status: 'active' }>), status: 'retracted', retraction: { reason: 'false_report', note: 'no impact' } };
    expect(diffIncidentStates(before, after)).toEqual([
      { field: 'status', before: 'active', after: 'retracted' },
      { field: 'retraction.note', after: 'no impact' },
      { field: 'retraction.reason', after: 'false_report' },
    ]);
  });

  it('shows an incident not yet reported as fields without a before', () => {
    const changes = diffIncidentStates({ status: 'unreported' }, active());
    expect(changes.every((c) => !('before' in c))).toBe(true);
    expect(changes).toContainEqual({ field: 'harm.killed', after: 8 });
    expect(diffIncidentStates(active(), { status: 'unreported' }).every((c) => !('after' in c))).toBe(true);
  });

  it('diffs an amendment only on the fields it names, with the same paths', () => {
    expect(diffAmendment(details, { location: { ...details.location, lat: 18.5 }, description: details.description })).toEqual([
      { field: 'location.lat', before: 18.44, after: 18.5 },
    ]);
    expect(diffAmendment(details, { harm: { ...details.harm, killed: 9 } })).toEqual(
      diffIncidentStates(active(), active({ harm: { ...details.harm, killed: 9 } })),
    );
  });
});
