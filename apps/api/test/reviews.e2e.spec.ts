import request from 'supertest';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

const actor = (id: string, shortName: string, kind = 'rebel_group', inter = 2, aliases: string[] = []) => ({
  id,
  name: `${shortName} (full name)`,
  shortName,
  aliases,
  kind,
  inter,
  citation: 'NUPI 853',
});

describe('Reference data and violation reviews over HTTP', () => {
  let tracker: TestTracker;
  let http: SignedClient;
  // The mechanism's secretariat both keeps the reference data and decides reviews.
  const signed = async (user: string) => tracker.as(user.startsWith('monitor') ? 'monitor' : ['reviewer', 'admin'], user);
  let position = '';

  async function ok(call: PromiseLike<request.Response>, status = 200) {
    const response = await call;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    if (response.body?.position) position = response.body.position;
    return response.body;
  }

  async function reportIncident(changes: object = {}) {
    return (await ok(http.post('/api/incidents').set(await signed('monitor-kidal')).send({ ...kidalReport(), ...changes }), 201)) as { id: string; version: number };
  }

  const allege = async (body: object, user = 'ctms-secretariat') => http.post('/api/reviews').set(await signed(user)).send(body);

  beforeAll(async () => {
    tracker = await startTestTracker();
    http = await tracker.client(['reviewer', 'admin'], 'ctms-operator');
    for (const body of [
      actor('government', 'Government of Mali', 'government', 1),
      actor('fama', 'FAMa', 'state_forces', 1, ['Military Forces of Mali (2013-)']),
      actor('mnla', 'MNLA', 'rebel_group', 2, ['National Movement for the Liberation of Azawad (MNLA)']),
      actor('hcua', 'HCUA'),
      actor('gatia', 'GATIA', 'militia', 3),
      actor('cpa', 'CPA'),
    ]) {
      await ok(http.post('/api/actors').send(body), 201);
    }
    await ok(
      http.post('/api/agreements').send({ id: 'ouagadougou-2013', name: 'Ouagadougou preliminary agreement', signedOn: '2013-06-18', inForceFrom: '2013-06-18', parties: ['government', 'mnla', 'hcua'] }),
      201,
    );
    await ok(
      http.post('/api/agreements').send({ id: 'kidal-ceasefire-2014', name: 'Kidal ceasefire', signedOn: '2014-05-23', inForceFrom: '2014-05-23', parties: ['government', 'mnla', 'hcua'] }),
      201,
    );
  });
  afterAll(() => tracker.close());

  describe('reference data', () => {
    it('lists actors, and renames, aliases and reclassifies them with the version they were read at', async () => {
      const list = await ok(http.get('/api/actors').query({ minPosition: position }));
      const mnla = list.actors.find((a: { id: string }) => a.id === 'mnla');
      expect(mnla).toMatchObject({ shortName: 'MNLA', kind: 'rebel_group', inter: 2, version: 1, aliases: ['National Movement for the Liberation of Azawad (MNLA)'] });

      await ok(http.post('/api/actors/cpa/renaming').send({ expectedVersion: 1, name: "Coalition du peuple pour l'Azawad", shortName: 'CPA', reason: 'full name' }));
      await ok(http.post('/api/actors/cpa/aliases').send({ expectedVersion: 2, alias: 'Coalition of the People of Azawad' }));
      await ok(http.post('/api/actors/cpa/classification').send({ expectedVersion: 3, kind: 'militia', inter: 3, reason: 'recoded' }));
      const stale = await http.post('/api/actors/cpa/aliases').send({ expectedVersion: 3, alias: 'CPA fighters' });
      expect(stale.status).toBe(409);

      const after = await ok(http.get('/api/actors').query({ minPosition: position }));
      expect(after.actors.find((a: { id: string }) => a.id === 'cpa')).toMatchObject({
        name: "Coalition du peuple pour l'Azawad",
        aliases: ['Coalition of the People of Azawad'],
        kind: 'militia',
        inter: 3,
        version: 4,
        lastChangedBy: 'ctms-operator',
      });
    });

    it('refuses an alias that already names another actor, and a bad actor', async () => {
      await ok(http.get('/api/actors').query({ minPosition: position }));
      const taken = await http.post('/api/actors/hcua/aliases').send({ expectedVersion: 1, alias: 'national movement for the liberation of azawad (mnla)' });
      expect(taken.status).toBe(400);
      expect(taken.body).toMatchObject({ code: 'alias_in_use', errors: [{ field: 'alias' }] });
      const badId = await http.post('/api/actors').send(actor('Bad Id', 'X'));
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0].field).toBe('id');
      const badKind = await http.post('/api/actors').send({ ...actor('x', 'X'), kind: 'bandits' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.errors[0].field).toBe('kind');
      expect((await http.post('/api/actors/nobody/aliases').send({ expectedVersion: 1, alias: 'x' })).status).toBe(404);
    });

    it('records coalitions with dated memberships, one coalition at a time', async () => {
      await ok(http.post('/api/coalitions').send({ id: 'cma', name: "Coordination des mouvements de l'Azawad", shortName: 'CMA' }), 201);
      await ok(http.post('/api/coalitions').send({ id: 'platform', name: "Plateforme des mouvements d'autodéfense", shortName: 'Platform' }), 201);
      await ok(http.post('/api/coalitions/cma/memberships').send({ expectedVersion: 1, actorId: 'mnla', from: '2014-06-01' }));
      await ok(http.post('/api/coalitions/cma/memberships').send({ expectedVersion: 2, actorId: 'cpa', from: '2014-06-01' }));
      await ok(http.get('/api/coalitions').query({ minPosition: position }));
      const elsewhere = await http.post('/api/coalitions/platform/memberships').send({ expectedVersion: 1, actorId: 'cpa', from: '2014-08-01' });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.code).toBe('member_of_another_coalition');
      await ok(http.post('/api/coalitions/cma/departures').send({ expectedVersion: 3, actorId: 'cpa', on: '2014-09-01' }));
      await ok(http.get('/api/coalitions').query({ minPosition: position }));
      await ok(http.post('/api/coalitions/platform/memberships').send({ expectedVersion: 1, actorId: 'cpa', from: '2014-09-01' }));
      const unknown = await http.post('/api/coalitions/platform/memberships').send({ expectedVersion: 2, actorId: 'ghost', from: '2014-09-01' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('actorId');

      const { coalitions } = await ok(http.get('/api/coalitions').query({ minPosition: position }));
      expect(coalitions).toEqual([
        expect.objectContaining({
          id: 'cma',
          shortName: 'CMA',
          version: 4,
          memberships: [
            { actorId: 'mnla', from: '2014-06-01', to: null },
            { actorId: 'cpa', from: '2014-06-01', to: '2014-09-01' },
          ],
        }),
        expect.objectContaining({ id: 'platform', version: 2, memberships: [{ actorId: 'cpa', from: '2014-09-01', to: null }] }),
      ]);
    });

    it('registers agreements with registered signatories only', async () => {
      const unknown = await http.post('/api/agreements').send({ id: 'algiers-2015', name: 'Algiers', signedOn: '2015-05-15', inForceFrom: '2015-06-20', parties: ['government', 'cma'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ code: 'actor_unknown', errors: [{ field: 'parties' }] });
      const early = await http.post('/api/agreements').send({ id: 'algiers-2015', name: 'Algiers', signedOn: '2015-05-15', inForceFrom: '2015-05-01', parties: ['government', 'mnla'] });
      expect(early.status).toBe(400);
      expect(early.body.errors[0].field).toBe('inForceFrom');
      const { agreements } = await ok(http.get('/api/agreements').query({ minPosition: position }));
      expect(agreements.map((a: { id: string }) => a.id)).toEqual(['ouagadougou-2013', 'kidal-ceasefire-2014']);
      expect(agreements[0]).toMatchObject({ signedOn: '2013-06-18', inForceFrom: '2013-06-18', parties: ['government', 'mnla', 'hcua'], version: 1 });
    });
  });

  describe('reviews', () => {
    it('alleges, finds, reopens and finds again, keeping who, when and why in the history', async () => {
      const incident = await reportIncident();
      const opened = await ok(allege({ incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'], note: 'attack on the governorate' }), 201);
      expect(opened).toMatchObject({ id: expect.any(String), version: 1 });

      const open = await ok(http.get(`/api/reviews/${opened.id}`).query({ minPosition: opened.position }));
      expect(open).toMatchObject({
        id: opened.id,
        version: 1,
        status: 'open',
        incidentId: incident.id,
        agreementId: 'ouagadougou-2013',
        allegedBy: 'government',
        allegedParties: ['mnla'],
        allegationNote: 'attack on the governorate',
        finding: null,
        incidentOccurredOn: '2014-05-17',
        incidentKilled: 8,
        incidentRetracted: false,
        flagged: false,
        allegedByUser: 'ctms-secretariat',
      });

      const inconclusive = { expectedVersion: 1, outcome: 'inconclusive', note: 'who fired first is not established' };
      await ok(http.post(`/api/reviews/${opened.id}/finding`).set(await signed('ctms-chair')).send(inconclusive));
      const again = await http.post(`/api/reviews/${opened.id}/finding`).send({ ...inconclusive, expectedVersion: 2 });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('review_decided');
      await ok(http.post(`/api/reviews/${opened.id}/reopening`).set(await signed('ctms-chair')).send({ expectedVersion: 2, reason: 'new testimony from the GMS' }));
      const reopenAgain = await http.post(`/api/reviews/${opened.id}/reopening`).send({ expectedVersion: 3, reason: 'again' });
      expect(reopenAgain.status).toBe(422);
      expect(reopenAgain.body.code).toBe('review_not_decided');
      const violation = await ok(
        http.post(`/api/reviews/${opened.id}/finding`).set(await signed('ctms-chair')).send({
          expectedVersion: 3,
          outcome: 'violation',
          responsibleParties: ['mnla'],
          provisions: ['art. 6'],
          verificationMission: 'EMOV Kidal 2014-05',
          note: 'MNLA fighters opened fire on the governorate',
        }),
      );

      const decided = await ok(http.get(`/api/reviews/${opened.id}`).query({ minPosition: violation.position }));
      expect(decided).toMatchObject({
        version: 4,
        status: 'decided',
        finding: { outcome: 'violation', responsibleParties: ['mnla'], provisions: ['art. 6'], verificationMission: 'EMOV Kidal 2014-05' },
        lastChangedBy: 'ctms-chair',
      });
      expect(decided.history.map((e: { type: string }) => e.type)).toEqual(['ViolationAlleged', 'FindingRecorded', 'ReviewReopened', 'FindingRecorded']);
      expect(decided.history[2]).toMatchObject({ version: 3, recordedBy: 'ctms-chair', reason: 'new testimony from the GMS', data: { reason: 'new testimony from the GMS' } });
      expect(decided.history[1]).toMatchObject({ data: { outcome: 'inconclusive' }, reason: 'who fired first is not established' });
    });

    it('reviews an incident against several agreements, but once per agreement', async () => {
      const incident = await reportIncident({ occurredAt: '2014-06-02' });
      const ouaga = await ok(allege({ incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'] }), 201);
      const kidal = await ok(allege({ incidentId: incident.id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['mnla'] }), 201);
      expect(kidal.id).not.toBe(ouaga.id);
      const before = await tracker.eventCount();
      const twice = await allege({ incidentId: incident.id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'mnla', allegedParties: ['fama'] });
      expect(twice.status).toBe(422);
      expect(twice.body.code).toBe('review_exists');
      expect(await tracker.eventCount()).toBe(before);
    });

    it.each([
      ['an agreement not in force on the incident’s day', { agreementId: 'kidal-ceasefire-2014' }, 422, 'agreement_not_in_force', undefined],
      ['an unknown agreement', { agreementId: 'nowhere-1999' }, 400, 'agreement_unknown', 'agreementId'],
      ['an unknown incident', { incidentId: '00000000-0000-4000-8000-000000000000' }, 400, 'incident_unknown', 'incidentId'],
      ['an unregistered party', { allegedParties: ['mnla', 'ghost'] }, 400, 'actor_unknown', 'allegedParties'],
      ['no party', { allegedParties: [] }, 400, 'required', 'allegedParties'],
      ['a malformed incident id', { incidentId: 'nope' }, 400, 'validation_failed', 'incidentId'],
    ])('refuses %s and writes nothing', async (_label, change, status, error, field) => {
      const incident = await reportIncident();
      const before = await tracker.eventCount();
      const response = await allege({ incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'], ...change });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(error);
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await tracker.eventCount()).toBe(before);
    });

    it('holds a non-signatory responsible only when the finding says why', async () => {
      const incident = await reportIncident({ occurredAt: '2014-10-08', actors: [{ actorId: 'mnla', role: 'party' }, { actorId: 'gatia', role: 'party' }] });
      const review = await ok(allege({ incidentId: incident.id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'minusma', allegedParties: ['mnla', 'gatia'] }), 201);
      const finding = { expectedVersion: 1, outcome: 'violation', responsibleParties: ['mnla', 'gatia'], provisions: ['ceasefire'], note: 'both sides attacked' };
      const refused = await http.post(`/api/reviews/${review.id}/finding`).send(finding);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'not_a_signatory', errors: [{ field: 'responsibleParties' }] });
      const accepted = await ok(http.post(`/api/reviews/${review.id}/finding`).send({ ...finding, nonSignatoryReason: 'GATIA fought alongside a signatory and accepted the CTMS' }));
      const view = await ok(http.get(`/api/reviews/${review.id}`).query({ minPosition: accepted.position }));
      expect(view.finding).toMatchObject({ nonSignatory: { parties: ['gatia'], reason: 'GATIA fought alongside a signatory and accepted the CTMS' } });
      const noParties = await http.post(`/api/reviews/${review.id}/reopening`).send({ expectedVersion: 2, reason: 'x' });
      expect(noParties.status).toBe(200);
      const stray = await http.post(`/api/reviews/${review.id}/finding`).send({ expectedVersion: 3, outcome: 'no_violation', responsibleParties: ['mnla'], note: 'n' });
      expect(stray.status).toBe(400);
      expect(stray.body.errors[0].field).toBe('responsibleParties');
    });

    it('lets one of two concurrent findings win; the other gets 409', async () => {
      const incident = await reportIncident();
      const review = await ok(allege({ incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'] }), 201);
      const before = await tracker.eventCount();
      const findings = await Promise.all(
        ['violation', 'no_violation'].map((outcome) =>
          http.post(`/api/reviews/${review.id}/finding`).send({
            expectedVersion: 1,
            outcome,
            ...(outcome === 'violation' ? { responsibleParties: ['mnla'], provisions: ['art. 6'] } : {}),
            note: `found ${outcome}`,
          }),
        ),
      );
      expect(findings.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(findings.find((r) => r.status === 409)?.body.code).toBe('stream_version_conflict');
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('flags the open reviews of a retracted incident, and opens none on it', async () => {
      const incident = await reportIncident({ occurredAt: '2014-07-01' });
      const open = await ok(allege({ incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'] }), 201);
      const retracted = await ok(http.post(`/api/incidents/${incident.id}/retraction`).send({ expectedVersion: 1, reason: 'false_report', note: 'staged' }));
      const view = await ok(http.get(`/api/reviews/${open.id}`).query({ minPosition: retracted.position }));
      expect(view).toMatchObject({ status: 'open', incidentRetracted: true, flagged: true });
      const flagged = await ok(http.get('/api/reviews').query({ flagged: 'true' }));
      expect(flagged.reviews.map((r: { id: string }) => r.id)).toEqual([open.id]);
      const refused = await allege({ incidentId: incident.id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['mnla'] });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('incident_retracted');
      const violation = await http.post(`/api/reviews/${open.id}/finding`).send({ expectedVersion: 1, outcome: 'violation', responsibleParties: ['mnla'], provisions: ['art. 6'], note: 'x' });
      expect(violation.status).toBe(422);
      const closed = await ok(http.post(`/api/reviews/${open.id}/finding`).send({ expectedVersion: 1, outcome: 'no_violation', note: 'the incident was a false report' }));
      const after = await ok(http.get(`/api/reviews/${open.id}`).query({ minPosition: closed.position }));
      expect(after).toMatchObject({ status: 'decided', incidentRetracted: true, flagged: false });
    });

    it('follows an amended incident: its day and dead', async () => {
      const incident = await reportIncident({ occurredAt: '2014-08-01' });
      const review = await ok(allege({ incidentId: incident.id, agreementId: 'kidal-ceasefire-2014', allegedBy: 'government', allegedParties: ['hcua'] }), 201);
      const amended = await ok(
        http.patch(`/api/incidents/${incident.id}`).send({ expectedVersion: 1, changes: { occurredAt: '2014-08-02', harm: { killed: 11, injured: 0, abducted: 0 } }, reason: 'corrected' }),
      );
      const view = await ok(http.get(`/api/reviews/${review.id}`).query({ minPosition: amended.position }));
      expect(view).toMatchObject({ incidentOccurredOn: '2014-08-02', incidentKilled: 11 });
      // Moved to before the agreement came into force, it can no longer be found a violation of it.
      const moved = await ok(http.patch(`/api/incidents/${incident.id}`).send({ expectedVersion: 2, changes: { occurredAt: '2014-05-20' }, reason: 'date was wrong' }));
      const refused = await http.post(`/api/reviews/${review.id}/finding`).send({ expectedVersion: 1, outcome: 'violation', responsibleParties: ['hcua'], provisions: ['ceasefire'], note: 'x' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('agreement_not_in_force');
      expect(moved.version).toBe(3);
    });

    it('lists reviews filtered by status, agreement, party, incident and period, in pages', async () => {
      const all = await ok(http.get('/api/reviews').query({ minPosition: position, limit: 1000 }));
      expect(all.reviews).toHaveLength(7);
      const days = all.reviews.map((r: { incidentOccurredOn: string }) => r.incidentOccurredOn);
      expect(days).toEqual([...days].sort());

      const decided = await ok(http.get('/api/reviews').query({ status: 'decided' }));
      expect(decided.reviews.length).toBeGreaterThan(0);
      expect(decided.reviews.every((r: { status: string }) => r.status === 'decided')).toBe(true);
      const kidal = await ok(http.get('/api/reviews').query({ agreement: 'kidal-ceasefire-2014' }));
      expect(kidal.reviews.every((r: { agreementId: string }) => r.agreementId === 'kidal-ceasefire-2014')).toBe(true);
      const gatia = await ok(http.get('/api/reviews').query({ party: 'gatia' }));
      expect(gatia.reviews).toHaveLength(1);
      const window = await ok(http.get('/api/reviews').query({ from: '2014-06-01', to: '2014-07-31' }));
      expect(window.reviews.map((r: { incidentOccurredOn: string }) => r.incidentOccurredOn).every((d: string) => d >= '2014-06-01' && d <= '2014-07-31')).toBe(true);
      expect(window.reviews.length).toBe(3);
      const one = all.reviews[0];
      const byIncident = await ok(http.get('/api/reviews').query({ incident: one.incidentId }));
      expect(byIncident.reviews.map((r: { id: string }) => r.id)).toContain(one.id);

      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await ok(http.get('/api/reviews').query({ limit: 3, ...(after ? { after } : {}) }));
        seen.push(...page.reviews.map((r: { id: string }) => r.id));
        after = page.nextCursor;
      } while (after);
      expect(seen).toEqual(all.reviews.map((r: { id: string }) => r.id));

      const bad = await http.get('/api/reviews').query({ status: 'closed' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('status');
    });

    it('appends once for a retried allegation with the same Idempotency-Key', async () => {
      const incident = await reportIncident();
      const body = { incidentId: incident.id, agreementId: 'ouagadougou-2013', allegedBy: 'government', allegedParties: ['mnla'] };
      const before = await tracker.eventCount();
      const first = await http.post('/api/reviews').set('Idempotency-Key', 'allege-1').send(body);
      const again = await http.post('/api/reviews').set('Idempotency-Key', 'allege-1').send(body);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect(await tracker.eventCount()).toBe(before + 1);
    });

    it('answers 404 for an unknown review and 400 for a malformed id', async () => {
      expect((await http.get('/api/reviews/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await http.post('/api/reviews/00000000-0000-4000-8000-000000000000/finding').send({ expectedVersion: 1, outcome: 'inconclusive', note: 'x' })).status).toBe(404);
      const bad = await http.get('/api/reviews/not-an-id');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('id');
    });
  });
});
