import fc from 'fast-check';
import { GEO_PRECISIONS, INCIDENT_TYPES, TIME_PRECISIONS, type IncidentSubType, type IncidentType } from '../incident/incident.taxonomy.js';
import type { IncidentDetails } from '../incident/incident.js';
import { ACLED_COLUMNS, ACLED_NAMES, readAcledRow, writeAcledRow } from './acled-row.js';
import { codeOf } from './dataset-record.js';

/** Text as a dataset cell holds it once read: trimmed, no semicolon (it separates names). */
const cell = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/;/g, ',').trim()).filter((s) => s.length > 0);
const kind = fc.constantFrom(...Object.entries(INCIDENT_TYPES).flatMap(([type, subTypes]) => subTypes.map((subType) => ({ type: type as IncidentType, subType: subType as IncidentSubType }))));

/** A record as an ACLED row gives it: sides in order, associated actors, maybe no figure, maybe no notes. */
const acledRecord = fc
  .record({
    id: cell,
    stamp: fc.integer({ min: 1, max: 2_000_000_000 }).map(String),
    day: fc.date({ min: new Date('1997-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    timePrecision: fc.constantFrom(...TIME_PRECISIONS),
    precision: fc.constantFrom(...GEO_PRECISIONS),
    lat: fc.double({ min: -90, max: 90, noNaN: true }).map((n) => Number(n.toFixed(4)) + 0),
    lon: fc.double({ min: -180, max: 180, noNaN: true }).map((n) => Number(n.toFixed(4)) + 0),
    place: cell,
    admin1: cell,
    admin2: fc.option(cell, { nil: undefined }),
    admin3: fc.option(cell, { nil: undefined }),
    kind,
    civilians: fc.boolean(),
    sideA: cell,
    sideB: fc.option(cell, { nil: undefined }),
    withA: fc.uniqueArray(cell, { maxLength: 2 }),
    withB: fc.uniqueArray(cell, { maxLength: 2 }),
    killed: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    description: fc.oneof(fc.constant(''), cell),
    source: fc.option(cell, { nil: undefined }),
  })
  .map(
    (r): IncidentDetails => ({
      occurredAt: r.day,
      timePrecision: r.timePrecision,
      location: { lat: r.lat, lon: r.lon, place: r.place, admin1: r.admin1, ...(r.admin2 ? { admin2: r.admin2 } : {}), ...(r.admin3 ? { admin3: r.admin3 } : {}), precision: r.precision },
      type: r.kind.type,
      subType: r.kind.subType,
      targets: r.civilians ? ['civilians'] : [],
      actors: [
        { actorId: r.sideA, role: 'side_a' },
        ...r.withA.map((actorId) => ({ actorId, role: 'associated' as const, with: 'side_a' as const })),
        ...(r.sideB ? [{ actorId: r.sideB, role: 'side_b' as const }, ...r.withB.map((actorId) => ({ actorId, role: 'associated' as const, with: 'side_b' as const }))] : []),
      ],
      harm: { killed: r.killed, injured: null, abducted: null },
      description: r.description,
      sources: r.source ? [{ id: 'acled-source', kind: 'research', reference: r.source, reliability: 'unknown', confidential: false }] : [],
      externalRefs: [{ dataset: 'acled', id: r.id, version: r.stamp }],
    }),
  );

describe('ACLED layout', () => {
  it("names every type and sub-type as ACLED does, so the reader's codes come back", () => {
    for (const [code, name] of Object.entries(ACLED_NAMES)) expect(codeOf(name)).toBe(code);
    expect(Object.keys(ACLED_NAMES).sort()).toEqual([...Object.keys(INCIDENT_TYPES), ...Object.values(INCIDENT_TYPES).flat()].filter((c, i, all) => all.indexOf(c) === i).sort());
  });

  it('reads back what it writes: a record from ACLED, written in its layout and read again, is the same record', () => {
    fc.assert(
      fc.property(acledRecord, (details) => {
        // Actor ids stand for themselves here; the import resolves names to ids.
        const row = writeAcledRow({ incidentId: 'unused', details, lastChangedAt: new Date(), sources: details.sources.map((s) => s.reference) }, (id) => ({ name: id }));
        expect(Object.keys(row)).toEqual([...ACLED_COLUMNS]);
        const read = readAcledRow(row);
        if ('rejected' in read) throw new Error(read.rejected);
        const { actors, ...rest } = details;
        expect(read.record.details).toEqual(rest);
        expect(read.record.actors.map(({ name, role, with: side }) => ({ actorId: name, role, ...(side ? { with: side } : {}) }))).toEqual(actors);
        expect(read.record.recordedAt).toEqual(new Date(Number(details.externalRefs![0].version) * 1000));
      }),
      { numRuns: 300 },
    );
  });

  it("puts a monitor's record in ACLED's terms: perpetrator as actor1, target as actor2, the tracker's id and last change", () => {
    const row = writeAcledRow(
      {
        incidentId: 'b1f0c5d2-0000-4000-8000-000000000002',
        lastChangedAt: new Date('2014-05-18T00:00:00Z'),
        sources: ['UN report'],
        details: {
          occurredAt: '2014-05-17T10:30:00+00:00',
          timePrecision: 'day',
          location: { lat: 18.44, lon: 1.41, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
          type: 'violence_against_civilians',
          subType: 'attack',
          targets: ['civilians'],
          actors: [
            { actorId: 'mnla', role: 'perpetrator' },
            { actorId: 'civilians', role: 'target' },
            { actorId: 'hcua', role: 'perpetrator' },
          ],
          harm: { killed: 3, injured: 2, abducted: 0 },
          description: 'Shots fired at a market',
          sources: [],
        },
      },
      (id) => ({ mnla: { name: 'MNLA', inter: 2 as const }, civilians: { name: 'Civilians (Mali)', inter: 7 as const }, hcua: { name: 'HCUA', inter: 2 as const } })[id]!,
    );
    expect(row).toMatchObject({
      event_id_cnty: 'b1f0c5d2-0000-4000-8000-000000000002',
      event_date: '2014-05-17',
      actor1: 'MNLA',
      inter1: 'Rebel group',
      assoc_actor_1: 'HCUA',
      actor2: 'Civilians (Mali)',
      inter2: 'Civilians',
      interaction: '27',
      civilian_targeting: 'Civilian targeting',
      fatalities: '3',
      source: 'UN report',
      timestamp: String(Date.parse('2014-05-18T00:00:00Z') / 1000),
    });
  });
});
