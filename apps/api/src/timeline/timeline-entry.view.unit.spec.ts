import { ENTRY_SEPARATOR, PARTS_SEPARATOR, timelineEntry } from './timeline-entry.view.js';

describe('A timeline entry written as text', () => {
  const own = '"id":"e1","kind":"reported","summary":{"code":"incident.reported","params":{}';
  const parts = JSON.stringify(['Reported: clash — ', 'actor:mnla', ' against ', 'actor:gone', ' "quoted" \\ ', 'agreement:ouagadougou-2013', '']);
  const names = new Map([['actor:mnla', 'MNLA "R"'], ['agreement:ouagadougou-2013', 'Ouagadougou preliminary agreement']]);

  it('puts in the names registered now, an id that names no one standing for itself', () => {
    const entry = JSON.parse(timelineEntry('"incidentVersion":3', `${own}${PARTS_SEPARATOR}${parts}`, names));
    expect(entry).toEqual({
      incidentVersion: 3,
      id: 'e1',
      kind: 'reported',
      summary: { code: 'incident.reported', params: {}, text: 'Reported: clash — MNLA "R" against gone "quoted" \\ Ouagadougou preliminary agreement' },
    });
  });

  it('adds what has changed since, with asOf', () => {
    const entry = JSON.parse(timelineEntry('"incidentVersion":3', `${own}${PARTS_SEPARATOR}${JSON.stringify(['Retracted'])}`, names, '["harm.killed"]'));
    expect(entry.changedSince).toEqual(['harm.killed']);
    expect(entry.summary.text).toBe('Retracted');
  });

  it('uses separators that JSON text never holds raw', () => {
    for (const separator of [PARTS_SEPARATOR, ENTRY_SEPARATOR]) expect(JSON.stringify({ s: `a${separator}b` })).not.toContain(separator);
  });
});
