import { foldHistory, type HistoryEvent } from '../src/history.js';

const reported = {
  incidentId: 'i-1',
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.44, lon: 1.41, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [{ actorId: 'mnla', role: 'perpetrator' }],
  harm: { killed: 8, injured: 20, abducted: 0 },
  description: 'Clashes at the governorate.',
  sources: [],
};

const event = (version: number, type: HistoryEvent['type'], data: Record<string, unknown>, by = 'monitor'): HistoryEvent => ({
  type,
  version,
  recordedAt: `2014-05-${17 + version}T10:00:00Z`,
  recordedBy: by,
  data,
});

describe('An incident’s history, folded for reading', () => {
  it('shows each amendment as field: old → new, with who and why', () => {
    const entries = foldHistory([
      event(1, 'IncidentReported', reported),
      event(2, 'IncidentAmended', { incidentId: 'i-1', changes: { harm: { killed: 36, injured: 20, abducted: 0 }, targets: ['state_forces', 'civilians'] }, reason: 'GMS casualty list' }, 'reviewer'),
      event(3, 'IncidentAmended', { incidentId: 'i-1', changes: { harm: { killed: 50, injured: 20, abducted: 0 } }, reason: 'Final count' }),
    ]);
    expect(entries[0]).toMatchObject({ kind: 'reported', by: 'monitor', version: 1 });
    expect(entries[1]).toEqual({
      kind: 'amended',
      version: 2,
      at: '2014-05-19T10:00:00Z',
      by: 'reviewer',
      reason: 'GMS casualty list',
      changes: [
        { field: 'harm.killed', before: 8, after: 36 },
        { field: 'targets', before: ['state_forces'], after: ['state_forces', 'civilians'] },
      ],
    });
    // The old value of a second amendment is the first amendment's new one.
    expect(entries[2]).toMatchObject({ changes: [{ field: 'harm.killed', before: 36, after: 50 }] });
  });

  it('reads verification changes and retractions, in version order, and skips unknown events', () => {
    const entries = foldHistory([
      event(3, 'IncidentRetracted', { incidentId: 'i-1', reason: 'duplicate', duplicateOf: 'i-0', note: 'Same clash' }),
      event(1, 'IncidentReported', reported),
      { ...event(2, 'IncidentVerificationChanged', { incidentId: 'i-1', from: 'reported', to: 'verified', note: 'Seen on site' }) },
      { ...event(4, 'IncidentReported', reported), type: 'SomethingNew' as HistoryEvent['type'] },
    ]);
    expect(entries.map((e) => e.kind)).toEqual(['reported', 'verification', 'retracted']);
    expect(entries[1]).toMatchObject({ from: 'reported', to: 'verified', note: 'Seen on site' });
    expect(entries[2]).toMatchObject({ reason: 'duplicate', duplicateOf: 'i-0' });
  });

  it('reads attachments and erasures of evidence, with the original’s fingerprint', () => {
    const sha256 = 'ab'.repeat(32);
    const entries = foldHistory([
      event(1, 'IncidentReported', reported),
      event(2, 'EvidenceAttached', { incidentId: 'i-1', evidenceId: 'e-1', sha256, mediaType: 'image/jpeg', size: 2048, caption: 'Burnt vehicle', confidential: false, stripped: true }),
      event(3, 'EvidenceErased', { incidentId: 'i-1', evidenceId: 'e-1' }),
    ]);
    expect(entries.slice(1)).toEqual([
      expect.objectContaining({ kind: 'evidenceAttached', evidenceId: 'e-1', sha256, mediaType: 'image/jpeg', size: 2048, caption: 'Burnt vehicle' }),
      expect.objectContaining({ kind: 'evidenceErased', evidenceId: 'e-1', version: 3 }),
    ]);
  });
});
