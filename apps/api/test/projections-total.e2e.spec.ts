import { setTimeout as sleep } from 'node:timers/promises';
import {
  ACTOR_ROLES,
  FINDING_OUTCOMES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  MAX_CASUALTY_COUNT,
  MAX_TEXT,
  RETRACTION_REASONS,
  SOURCE_KINDS,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  VERIFICATION_LEVELS,
  type IncidentType,
} from '#domain';
import { readCheckpoint, verifyProjection } from '#read-models';
import fc from 'fast-check';
import { PROJECTIONS } from '#tracker';
import { pdfDocument } from '../../../test/evidence-files.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

const PDF = pdfDocument();

/** Runs of the property (each a few incidents and the commands that follow them); more with the knob. */
const RUNS = Number(process.env.PROJECTION_PROPERTY_RUNS ?? 30);
/** Replays a failure: the seed fast-check printed (1882370079 with 150 runs found the coordinate underflow told in docs/RELIABILITY.md). */
const SEED = process.env.PROJECTION_PROPERTY_SEED
  ? Number(process.env.PROJECTION_PROPERTY_SEED)
  : undefined;
const ACTORS = ['government', 'fama', 'mnla', 'hcua'] as const;
const AGREEMENT = 'property-ceasefire';

/**
 * Text as people may type it: any Unicode plane, but never NUL (refused at the boundary, since
 * PostgreSQL's text and jsonb cannot hold it); a lone surrogate cannot arise (whole code points).
 * One time in five it is exactly the longest the domain allows.
 */
function text(max: number, min = 0) {
  const unit = fc
    .string({ unit: 'binary', minLength: Math.max(min, 1), maxLength: 12 })
    .map((s) => s.replaceAll('\u0000', '·'));
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 60) })
        .map((s) => s.replaceAll('\u0000', '·')),
    },
    { weight: 1, arbitrary: unit.map((s) => longest(s, max)) },
  );
}

/** `s` repeated to exactly `max` UTF-16 units, never ending on half a surrogate pair. */
function longest(s: string, max: number): string {
  const cut = s.repeat(Math.ceil(max / s.length)).slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? `${cut.slice(0, -1)}x` : cut;
}

const count = fc.oneof(
  fc.constantFrom(0, 1, MAX_CASUALTY_COUNT),
  fc.integer({ min: 0, max: MAX_CASUALTY_COUNT }),
);
const harm = fc.record({ killed: count, injured: count, abducted: count });
const day = fc
  .date({
    min: new Date('2012-01-01T00:00:00Z'),
    max: new Date('2015-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const typed = fc
  .constantFrom(...(Object.keys(INCIDENT_TYPES) as IncidentType[]))
  .chain((type) => fc.constantFrom(...INCIDENT_TYPES[type]).map((subType) => ({ type, subType })));

const report = fc.record({
  occurredAt: day,
  timePrecision: fc.constantFrom(...TIME_PRECISIONS),
  typed,
  location: fc.record({
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    place: text(MAX_TEXT.name, 1),
    admin1: text(MAX_TEXT.name, 1),
    precision: fc.constantFrom(...GEO_PRECISIONS),
  }),
  targets: fc.uniqueArray(fc.constantFrom(...TARGETS), { maxLength: TARGETS.length }),
  actors: fc
    .uniqueArray(fc.constantFrom(...ACTORS), { maxLength: ACTORS.length })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((actorId) => fc.constantFrom(...ACTOR_ROLES).map((role) => ({ actorId, role }))),
      ),
    ),
  harm,
  description: text(MAX_TEXT.description, 1),
  sources: fc.array(
    fc.record({
      kind: fc.constantFrom(...SOURCE_KINDS),
      reference: text(MAX_TEXT.note, 1),
      reliability: fc.constantFrom(...SOURCE_RELIABILITIES),
      confidential: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  // An id made by an offline client, in any case.
  clientId: fc.option(
    fc
      .tuple(fc.uuid({ version: 4 }), fc.boolean())
      .map(([id, upper]) => (upper ? id.toUpperCase() : id)),
    { nil: undefined },
  ),
});

// A retraction ends an incident's changes, so it comes rarely.
const followUp = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      harm: fc.option(harm, { nil: undefined }),
      description: fc.option(text(MAX_TEXT.description, 1), { nil: undefined }),
      reason: text(MAX_TEXT.note, 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('verify' as const),
      level: fc.constantFrom(...VERIFICATION_LEVELS),
      note: text(MAX_TEXT.note, 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retract' as const),
      reason: fc.constant(RETRACTION_REASONS[0]),
      note: text(MAX_TEXT.note, 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('evidence' as const),
      caption: text(MAX_TEXT.note, 0),
      confidential: fc.boolean(),
      erase: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      allegedParties: fc.uniqueArray(fc.constantFrom('mnla', 'hcua', 'government'), {
        minLength: 1,
        maxLength: 3,
      }),
      outcome: fc.constantFrom(...FINDING_OUTCOMES),
      note: text(MAX_TEXT.note, 1),
    }),
  },
);

const run = fc.record({
  reports: fc.array(report, { minLength: 1, maxLength: 3 }),
  followUps: fc.array(fc.tuple(fc.nat(), followUp), { maxLength: 8 }),
});

/**
 * Issue 12, part 2: every command the API accepts yields events that every projection applies
 * (none parked, every checkpoint at the head), and a rebuild from the events equals the live
 * read models. Commands are generated from the domain's own types and ranges, boundary values
 * included (counts up to MAX_CASUALTY_COUNT, texts of MAX_TEXT, every Unicode plane, ids in any
 * case) and sent over HTTP; a refusal (4xx) is allowed, a 5xx is not.
 */
describe('Projections are total', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  const seen = { runs: 0, commands: 0, accepted: 0, refused: 0, maxCounts: 0, longestTexts: 0, evidence: 0 };
  const usedIds = new Set<string>();
  let lastWrite = '';

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = await tracker.client(['reviewer', 'admin'], 'property-operator');
    for (const [id, kind, inter] of [
      ['government', 'government', 1],
      ['fama', 'state_forces', 1],
      ['mnla', 'rebel_group', 2],
      ['hcua', 'rebel_group', 2],
    ] as const) {
      expect(
        (
          await http
            .post('/api/actors')
            .send({ id, name: id, shortName: id.toUpperCase(), kind, inter })
        ).status,
      ).toBe(201);
    }
    const agreement = await http.post('/api/agreements').send({
      id: AGREEMENT,
      name: 'A ceasefire',
      signedOn: '2012-01-01',
      inForceFrom: '2012-01-01',
      parties: ['government', 'mnla', 'hcua'],
    });
    expect(agreement.status).toBe(201);
  });
  afterAll(() => tracker.close());

  async function send(
    request: Promise<{ status: number; body: Record<string, unknown>; text: string }>,
    what: string,
  ) {
    const response = await request;
    seen.commands++;
    if (response.status >= 500)
      throw new Error(`${what} answered ${response.status}: ${response.text}`);
    if (response.status < 300) {
      seen.accepted++;
      const position = response.body.position as string | undefined;
      if (position && position > lastWrite) lastWrite = position;
    } else seen.refused++;
    return response.status < 300 ? response.body : undefined;
  }

  /**
   * The store's head is only what readers may see now (below every open transaction, other test
   * files' too), so the position of the last accepted write counts as well.
   */
  async function caughtUp() {
    const visible = await tracker.store.headPosition();
    const head = visible > lastWrite ? visible : lastWrite;
    for (let i = 0; i < 600; i++) {
      const positions = await Promise.all(
        PROJECTIONS.map((p) => readCheckpoint(tracker.readModels, p.name)),
      );
      if (positions.every((p) => p >= head)) return;
      await sleep(25);
    }
    throw new Error('the projections did not reach the head of the store within 15 s');
  }

  it(`applies every event of ${RUNS} generated command sequences, parking none`, async () => {
    await fc.assert(
      fc.asyncProperty(run, async ({ reports, followUps }) => {
        seen.runs++;
        const incidents: { id: string; version: number }[] = [];
        for (const r of reports) {
          const { typed: kind, clientId, ...details } = r;
          const id = clientId && !usedIds.has(clientId.toLowerCase()) ? clientId : undefined;
          if (id) usedIds.add(id.toLowerCase());
          if (
            [details.harm.killed, details.harm.injured, details.harm.abducted].includes(
              MAX_CASUALTY_COUNT,
            )
          )
            seen.maxCounts++;
          if (details.description.length === MAX_TEXT.description) seen.longestTexts++;
          const created = await send(
            http.post('/api/incidents').send({ ...details, ...kind, ...(id ? { id } : {}) }),
            'a report',
          );
          if (created)
            incidents.push({ id: created.id as string, version: created.version as number });
        }
        for (const [pick, command] of followUps) {
          const incident = incidents[pick % Math.max(1, incidents.length)];
          if (!incident) break;
          const path = `/api/incidents/${incident.id}`;
          let done: Record<string, unknown> | undefined;
          if (command.kind === 'amend') {
            const changes = {
              ...(command.harm ? { harm: command.harm } : {}),
              ...(command.description !== undefined ? { description: command.description } : {}),
            };
            done = await send(
              http
                .patch(path)
                .send({ expectedVersion: incident.version, changes, reason: command.reason }),
              'an amendment',
            );
          } else if (command.kind === 'verify') {
            done = await send(
              http.post(`${path}/verification`).send({
                expectedVersion: incident.version,
                level: command.level,
                note: command.note,
              }),
              'a verification',
            );
          } else if (command.kind === 'retract') {
            done = await send(
              http.post(`${path}/retraction`).send({
                expectedVersion: incident.version,
                reason: command.reason,
                note: command.note,
              }),
              'a retraction',
            );
          } else if (command.kind === 'evidence') {
            const attached = await send(
              http
                .post(`${path}/evidence`)
                .field('caption', command.caption)
                .field('confidential', String(command.confidential))
                .attach('file', PDF, { filename: 'statement.pdf', contentType: 'application/pdf' }),
              'an attachment',
            );
            done = attached;
            if (attached) seen.evidence++;
            if (attached && command.erase) done = await send(http.post(`${path}/evidence/${attached.evidenceId}/erasure`), 'an erasure of evidence');
          } else {
            const review = await send(
              http.post('/api/reviews').send({
                incidentId: incident.id,
                agreementId: AGREEMENT,
                allegedBy: 'government',
                allegedParties: command.allegedParties,
              }),
              'an allegation',
            );
            if (review) {
              const violation = command.outcome === 'violation';
              await send(
                http.post(`/api/reviews/${review.id}/finding`).send({
                  expectedVersion: review.version,
                  outcome: command.outcome,
                  ...(violation
                    ? { responsibleParties: command.allegedParties, provisions: ['art. 1'] }
                    : {}),
                  note: command.note,
                }),
                'a finding',
              );
            }
          }
          if (done) incident.version = done.version as number;
        }
        await caughtUp();
        const parked = await tracker.readModels.query(
          'SELECT projection, event_type, error FROM parked_events',
        );
        expect(parked).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true, seed: SEED },
    );
    console.log(
      `projections are total: ${JSON.stringify(seen)}, ${await tracker.eventCount()} events, 0 parked`,
    );
    // A property that nothing reached proves nothing.
    expect(seen.accepted).toBeGreaterThan(seen.runs);
    expect(seen.maxCounts + seen.longestTexts).toBeGreaterThan(0);
    expect(seen.evidence).toBeGreaterThan(0);
  }, 600_000);

  it('a rebuild of every projection from the events equals the live read models', async () => {
    await caughtUp();
    for (const projection of PROJECTIONS) {
      const verification = await verifyProjection(tracker.store, tracker.readModels, projection);
      expect({
        projection: projection.name,
        differing: verification.tables.filter((t) => t.differing > 0),
      }).toEqual({ projection: projection.name, differing: [] });
    }
  }, 120_000);
});
