/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../libs/domain/src/user/user.js';
import { kidalReport } from '../fixtures.js';
import { TEST_PASSWORD, type TestTracker } from '../tracker.js';
import { fillReport, mapReady, openServedBrowser, screenshot, shownTotals } from './harness.js';

/**
 * The web app in Debian's Chromium against the real API and PostgreSQL, with the demo set.
 * Screenshots of each scenario go to test-artifacts/browser/.
 */
describe('The map in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: true }));
    // The demo set is in every read model before a page or a test's request reads it.
    await tracker.caughtUp();
  }, 120_000);
  afterAll(() => close());

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** Signs in through the sign-in screen (the account is created through the administrator). */
  async function signIn(page: Page, role: Role, username?: string) {
    await tracker.as(role, username);
    await page.fill('#signin-username', username ?? `${role}-1`);
    await page.fill('#signin-password', TEST_PASSWORD);
    await page.click('#signin-form button[type="submit"]');
  }

  /** A fresh browser profile (no remembered language or user) on a page of the app, signed in. */
  async function open(path = '/', { locale = 'en-GB', width = 1280, height = 800, as = 'reviewer' as Role, username = undefined as string | undefined } = {}) {
    const context = await browser.newContext({ locale, viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    // Fail with Playwright's message (what it waited for) before jest's timeout does.
    page.setDefaultTimeout(10_000);
    const dialogs: string[] = [];
    const errors: string[] = [];
    const incidentRequests: string[] = [];
    page.on('request', (request) => request.url().includes('/api/incidents/map?') && incidentRequests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl + path);
    await signIn(page, as, username);
    await mapReady(page);
    return { page, dialogs, errors, incidentRequests };
  }

  async function getJson<T = Record<string, unknown>>(path: string): Promise<T> {
    const response = await fetch(baseUrl + path, { headers: await tracker.as('reviewer') });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  type Features = { features: { id: string; properties: { fatalities: number } }[] };

  /** What the API holds for the view and filters the page is showing (its export link says). */
  async function expectedTotals(page: Page) {
    const href = await page.locator('a[data-format="geojson"]').getAttribute('href');
    const query = new URL(href!, baseUrl).searchParams;
    query.delete('format');
    query.set('limit', '50000');
    const { features } = await getJson<Features>(`/api/incidents?${query}`);
    return { incidents: features.length, killed: features.reduce((sum, f) => sum + f.properties.fatalities, 0) };
  }

  it('loads the map with the demo incidents, cluster totals matching the API', async () => {
    const { page, errors, incidentRequests } = await open('/');
    // One request: the page asked for the view's incidents before Leaflet loaded, for the
    // bounds Leaflet then showed.
    expect(incidentRequests).toHaveLength(1);
    const shown = await shownTotals(page);
    const expected = await expectedTotals(page);
    expect(expected.incidents).toBeGreaterThan(30);
    expect(shown).toEqual(expected);
    await expect(page.locator('#map-status').textContent()).resolves.toBe(`${expected.incidents} incidents in view`);
    // The offline base map is drawn (Mali and its neighbours) and no tile was asked for.
    expect(await page.locator('.leaflet-baseLines-pane path').count()).toBeGreaterThan(5);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'map-loads');
  });

  it('changes what is shown with a filter, and keeps it in a shareable URL', async () => {
    const { page } = await open('/');
    const before = await shownTotals(page);
    await page.check('input[name="type"][value="battles"]');
    await mapReady(page);
    expect(page.url()).toContain('type=battles');
    const battles = await shownTotals(page);
    expect(battles).toEqual(await expectedTotals(page));
    expect(battles.incidents).toBeGreaterThan(0);
    expect(battles.incidents).toBeLessThan(before.incidents);
    // The sub-type filter now offers the sub-types of battles, translated.
    await expect(page.locator('input[name="subType"][value="armed_clash"] + span').textContent()).resolves.toBe('Armed clash');

    await page.reload();
    await mapReady(page);
    expect(await page.isChecked('input[name="type"][value="battles"]')).toBe(true);
    expect(await shownTotals(page)).toEqual(battles);
    await screenshot(page, 'filter');
  });

  it('lets a monitor file a report through the form and see it on the map at once', async () => {
    const { page, errors } = await open('/', { as: 'monitor', username: 'monitor-timbuktu' });
    await expect(page.locator('#user-name').textContent()).resolves.toBe('monitor-timbuktu');
    await expect(page.locator('#user-roles').textContent()).resolves.toBe('monitor');
    await page.click('#report');
    // A click on the map sets the location.
    await page.click('#map', { position: { x: 300, y: 300 } });
    expect(await page.inputValue('.report-form [name="location.lat"]')).toMatch(/^\d+\.\d+$/);
    await page.click('.sheet-close');

    const description = 'Exchange of fire near the salt mines, reported by a herder.';
    const form = await fillReport(page, { description, lat: '22.68', lon: '-3.98' });
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/incident=/);
    const id = new URL(page.url()).searchParams.get('incident')!;
    await expect(page.locator('.incident-panel .description').textContent()).resolves.toBe(description);
    await page.locator(`#map [data-incident-id="${id}"]`).waitFor();
    await expect(page.locator('#toast').textContent()).resolves.toBe('Report recorded. It is on the map.');

    const stored = await getJson<{ reportedBy: string; details: { harm: { killed: number }; actors: unknown[] } }>(`/api/incidents/${id}`);
    expect(stored.reportedBy).toBe('monitor-timbuktu');
    expect(stored.details.harm.killed).toBe(2);
    expect(stored.details.actors).toEqual([{ actorId: 'mnla', role: 'perpetrator' }]);
    expect(errors).toEqual([]);
    await screenshot(page, 'report');

    // A monitor corrects their own reports only, and does not verify.
    await expect(page.locator('.incident-panel [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).resolves.toEqual(['amend', 'retract']);
    const { features } = await getJson<Features>('/api/incidents?status=active&type=battles&limit=1');
    await page.goto(`${baseUrl}/?incident=${features[0].id}`);
    await page.locator('.incident-panel .description').waitFor();
    expect(await page.locator('.incident-panel [data-action]').count()).toBe(0);
    expect(await page.isVisible('#open-reviews')).toBe(false);
    expect(await page.isVisible('#open-timeline')).toBe(false);
    expect(await page.locator('a[data-format]').count()).toBe(0);
  });

  it('shows the server’s message beside the field it names', async () => {
    const { page } = await open('/');
    const form = await fillReport(page, { occurredAt: '2099-01-01', description: 'A report from the future.', lat: '18.44', lon: '1.41' });
    await form.locator('[name="description"]').fill('');
    await form.locator('button[type="submit"]').click();
    // First the client's own hint, in the user's language, without a round trip.
    await expect(form.locator('[data-error-for="description"]').textContent()).resolves.toBe('Required.');

    await form.locator('[name="description"]').fill('A report from the future.');
    await form.locator('button[type="submit"]').click();
    const error = form.locator('[data-error-for="occurredAt"]');
    await error.filter({ hasText: /future/ }).waitFor();
    expect(await error.textContent()).toBe('occurredAt cannot be in the future');
    expect(await form.locator('[name="occurredAt"]').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'field-error');
  });

  it('switches between French and English, and remembers the choice', async () => {
    const { page } = await open('/', { locale: 'fr-FR' });
    await expect(page.locator('h1 [data-i18n="app.title"]').textContent()).resolves.toBe('Suivi des incidents du cessez-le-feu');
    await expect(page.locator('.legend').textContent()).resolves.toContain('Combats');
    await expect(page.locator('#map-status').textContent()).resolves.toMatch(/incidents dans la vue$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await screenshot(page, 'language-fr');

    await page.selectOption('#language', 'en');
    await expect(page.locator('h1 [data-i18n="app.title"]').textContent()).resolves.toBe('Ceasefire incident tracker');
    await expect(page.locator('.legend').textContent()).resolves.toContain('Battles');
    await expect(page.locator('#map-status').textContent()).resolves.toMatch(/incidents in view$/);
    await page.reload();
    await mapReady(page);
    await expect(page.locator('.filters [data-i18n="filters.showRetracted"]').textContent()).resolves.toBe('Show retracted incidents');
    await screenshot(page, 'language-en');

    await page.selectOption('#language', 'fr');
    await expect(page.locator('.filters [data-i18n="filters.showRetracted"]').textContent()).resolves.toBe('Afficher les incidents retirés');
  });

  it('keeps text typed by users inert: no markup is parsed, no script runs', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const headers = { 'Content-Type': 'application/json', ...(await tracker.as('monitor')) };
    const report = (description: string) =>
      fetch(`${baseUrl}/api/incidents`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': description },
        body: JSON.stringify({
          occurredAt: '2014-05-21',
          timePrecision: 'day',
          // Two at the very same point: at the last zoom they stay a cluster that lists them.
          // Actor ids must be registered slugs now, so the script goes where free text is shown beside the place.
          location: { lat: 15.9, lon: 0.5, place: '<img src=x onerror=alert(2)>', admin1: '<script>alert(3)</script>', precision: 'exact' },
          type: 'violence_against_civilians',
          subType: 'attack',
          targets: ['civilians'],
          actors: [{ actorId: 'mujao', role: 'perpetrator' }],
          harm: { killed: 1, injured: 0, abducted: 0 },
          description,
          sources: [{ kind: 'media', reference: '<img src=x onerror=alert(4)>', reliability: 'unconfirmed', confidential: false }],
        }),
      }).then(async (response) => {
        expect(response.status).toBe(201);
        return ((await response.json()) as { id: string }).id;
      });
    const id = await report(xss);
    await report('<svg onload=alert(8)>');
    const amended = await fetch(`${baseUrl}/api/incidents/${id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ expectedVersion: 1, changes: { description: `${xss} <svg onload=alert(5)>` }, reason: '<img src=x onerror=alert(6)>' }),
    });
    expect(amended.status).toBe(200);
    // The pages below read the map and the record as they are once projected.
    await tracker.caughtUp(((await amended.json()) as { position: string }).position);

    const { page, dialogs, errors } = await open('/?lat=15.9&lon=0.5&z=16');
    await page.click('#map .cluster-label[data-count="2"]');
    const popup = page.locator('.leaflet-popup .cluster-list');
    await expect(popup.textContent()).resolves.toContain('<img src=x onerror=alert(2)>');
    await popup.locator('button').first().click();
    await expect(page.locator('.incident-panel .description').textContent()).resolves.toMatch(/^<(img|svg) /);

    // Same tab: still signed in.
    await page.goto(`${baseUrl}/?incident=${id}&lat=15.9&lon=0.5&z=14`);
    await expect(page.locator('.incident-panel .description').textContent()).resolves.toBe(`${xss} <svg onload=alert(5)>`);
    await expect(page.locator('.history .change del').first().textContent()).resolves.toBe(xss);
    await expect(page.locator('.history .why').first().textContent()).resolves.toContain('<img src=x onerror=alert(6)>');
    await expect(page.locator('.incident-panel').textContent()).resolves.toContain('<script>alert(3)</script>');
    await page.waitForTimeout(300);
    expect(await page.locator('img[src="x"], svg[onload], script:not([type="module"])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'xss-inert');
  });

  it('amends from the panel, shows the change in the history, and explains a 409', async () => {
    const { features } = await getJson<Features>('/api/incidents?status=active&type=battles&limit=1');
    const id = features[0].id;
    const { page } = await open(`/?incident=${id}`);
    await page.locator('.incident-panel [data-action="amend"]').click();
    const form = page.locator('.report-form');
    const killed = Number(await form.locator('[name="harm.killed"]').inputValue());
    await form.locator('[name="harm.killed"]').fill(String(killed + 3));
    await form.locator('[name="reason"]').fill('Hospital list received');
    await form.locator('button[type="submit"]').click();
    const change = page.locator('.history .change').first();
    await change.waitFor();
    expect(await change.textContent()).toBe(`Killed: ${killed} → ${killed + 3}`);
    await expect(page.locator('.history .why').first().textContent()).resolves.toBe('Why: Hospital list received');

    // Someone else changes the incident while the panel shows the old version: the version they
    // read includes the amendment just made (once projected).
    await tracker.caughtUp();
    const { version } = await getJson<{ version: number }>(`/api/incidents/${id}`);
    const other = await fetch(`${baseUrl}/api/incidents/${id}/verification`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await tracker.as('reviewer', 'reviewer-2')) },
      body: JSON.stringify({ expectedVersion: version, level: 'disputed', note: 'Counts contested by a second source' }),
    });
    expect(other.status).toBe(200);
    await page.locator('.incident-panel [data-action="verify"]').click();
    await page.locator('.action-form [name="level"]').selectOption('verified');
    await page.locator('.action-form [name="note"]').first().fill('Seen by the joint team');
    await page.locator('.action-form:visible button[type="submit"]').click();
    await expect(page.locator('.conflict').textContent()).resolves.toBe('Someone changed this incident; reload.');
    await screenshot(page, 'conflict');
    await page.locator('button.reload').click();
    await expect(page.locator('.incident-panel .verification-disputed').textContent()).resolves.toBe('Disputed');
  });

  it('after a source is erased, sends only the field the user changed (issue 13, point 1)', async () => {
    const headers = { 'Content-Type': 'application/json', ...(await tracker.as('reviewer')) };
    const body = {
      ...kidalReport(),
      occurredAt: '2014-05-19',
      harm: { killed: 4, injured: 0, abducted: 0 },
      sources: [...kidalReport().sources, { kind: 'local_contact', reference: 'a contact in Kidal', reliability: 'unconfirmed', confidential: true }],
    };
    const created = await (await fetch(`${baseUrl}/api/incidents`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
    const { details } = await getJson<{ details: { sources: { id: string }[] } }>(`/api/incidents/${created.id}?minPosition=${created.position}`);
    const erased = await fetch(`${baseUrl}/api/incidents/${created.id}/sources/${details.sources[1].id}/erasure`, { method: 'POST', headers });
    expect(erased.status).toBe(200);
    await getJson(`/api/incidents/${created.id}?minPosition=${(await erased.json()).position}`);

    const { page } = await open(`/?incident=${created.id}`);
    await page.locator('.incident-panel [data-action="amend"]').click();
    const form = page.locator('.report-form');
    await form.locator('[name="harm.killed"]').fill('5');
    await form.locator('[name="reason"]').fill('One more death confirmed');
    const [patch] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'PATCH' && request.url().endsWith(`/api/incidents/${created.id}`)),
      form.locator('button[type="submit"]').click(),
    ]);
    expect(Object.keys(JSON.parse(patch.postData()!).changes)).toEqual(['harm']);
    const change = page.locator('.history .change').first();
    await change.waitFor();
    expect(await change.textContent()).toBe('Killed: 4 → 5');
  });

  it('is usable on a phone: the panel is a bottom sheet, filters slide in', async () => {
    const { page } = await open('/', { width: 390, height: 780, as: 'monitor' });
    expect(await page.isVisible('#sidebar .filters input[name="from"]')).toBe(false);
    await page.click('#toggle-filters');
    await page.locator('#sidebar.open').waitFor();
    await page.click('#toggle-filters');
    await page.click('#report');
    const sheet = await page.locator('#sheet').boundingBox();
    expect(sheet).toMatchObject({ x: 0, width: 390 });
    await screenshot(page, 'phone');
    expect(await page.isVisible('#user-name')).toBe(true);
    expect(await page.isVisible('#sign-out')).toBe(true);
  });

  it('refuses a wrong password with a message, and shows an analyst no report form', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(baseUrl + '/');
    await tracker.as('analyst');
    await page.fill('#signin-username', 'analyst-1');
    await page.fill('#signin-password', 'not the password');
    await page.click('#signin-form button[type="submit"]');
    await page.locator('#signin-error', { hasText: /\S/ }).waitFor();
    await expect(page.locator('#signin-error').textContent()).resolves.toBe('Wrong user name or password.');
    expect(await page.isVisible('#map')).toBe(false);
    await screenshot(page, 'signin-wrong');

    // Five failures in a row slow the account down: the server answers 429, the screen says so.
    await page.fill('#signin-username', 'guessing-1');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.fill('#signin-password', `guess ${attempt}`);
      await Promise.all([page.waitForResponse('**/api/auth/login'), page.click('#signin-form button[type="submit"]')]);
    }
    await page.locator('#signin-error', { hasText: /Too many/ }).waitFor();
    expect(await page.locator('#signin-error').textContent()).toMatch(/^Too many failed attempts\. Try again in \d+ s\.$/);
    await page.fill('#signin-username', 'analyst-1');

    await page.fill('#signin-password', TEST_PASSWORD);
    await page.click('#signin-form button[type="submit"]');
    await mapReady(page);
    await expect(page.locator('#user-roles').textContent()).resolves.toBe('analyst');
    expect(await page.isVisible('#report')).toBe(false);
    expect(await page.isVisible('a[data-format="csv"]')).toBe(true);
    const { features } = await getJson<Features>('/api/incidents?status=active&limit=1');
    await page.goto(`${baseUrl}/?incident=${features[0].id}`);
    await mapReady(page);
    await page.locator('.incident-panel .description').waitFor();
    expect(await page.locator('.incident-panel [data-action]').count()).toBe(0);

    // Signing out goes back to the sign-in screen, and the token no longer works.
    await page.click('#sign-out');
    await page.locator('#signin-form').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('tracker.session'))).toBeNull();
  });

  it('shows violations by group for the Kidal ceasefire; a cell shows its incidents; a reviewer alleges and records a finding', async () => {
    const { page, errors } = await open('/', { as: 'reviewer' });
    await page.click('#open-reviews');
    await page.selectOption('#review-agreement', 'kidal-ceasefire-2014');
    const row = (group: string) => page.locator(`.review-table tr[data-group="${group}"] td`).allTextContents();
    // The table of every agreement is there first, with the same groups: wait for this agreement's.
    const tableOf = (query: string) => page.locator(`.review-table[data-query="${query}"]`).waitFor();
    await tableOf('agreement=kidal-ceasefire-2014&rollup=actor');
    // The demo's findings against the Kidal ceasefire, as the API's own tests know them.
    expect(await row('maa-loyalist')).toEqual(['2', '1', '1', '0', '0', '2']);
    expect(await row('mnla')).toEqual(['2', '1', '0', '0', '1', '0']);
    await expect(page.locator('.review-table tbody tr').count()).resolves.toBe(5);
    await page.selectOption('#review-rollup', 'coalition');
    await tableOf('agreement=kidal-ceasefire-2014&rollup=coalition');
    expect(await row('cma')).toEqual(['3', '1', '1', '0', '1', '2']);
    await screenshot(page, 'review-table');

    // The "alleged" cell of the CMA: the map shows those incidents only.
    const cell = await getJson<{ incidentIds: string[] }>('/api/violations/by-group/cell?agreement=kidal-ceasefire-2014&rollup=coalition&group=cma&column=alleged');
    expect(cell.incidentIds.length).toBeGreaterThan(0);
    await page.click('.review-table tr[data-group="cma"] button[data-column="alleged"]');
    await page.locator('#only-banner:visible').waitFor();
    await page.click('.sheet-close');
    await page.waitForTimeout(400);
    await mapReady(page);
    const shown = await shownTotals(page);
    expect(shown.incidents).toBe(cell.incidentIds.length);
    await screenshot(page, 'review-cell');
    await page.click('#only-clear');
    expect((await shownTotals(page)).incidents).toBeGreaterThan(cell.incidentIds.length);

    // From an incident's panel: allege a violation, record a finding, read the review's history.
    const created = await fetch(`${baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'review-browser-test', ...(await tracker.as('reviewer')) },
      body: JSON.stringify({ ...kidalReport(), occurredAt: '2014-06-10', description: 'Clash near the airport.' }),
    });
    expect(created.status).toBe(201);
    const { id, position } = (await created.json()) as { id: string; position: string };
    await tracker.caughtUp(position);
    await page.goto(`${baseUrl}/?incident=${id}`);
    await mapReady(page);
    const allege = page.locator('.incident-panel .allege-form');
    await allege.locator('[name="agreementId"]').selectOption('ouagadougou-2013');
    await allege.locator('[name="allegedBy"]').fill('government');
    await allege.locator('[name="allegedParties"]').fill('mnla');
    await allege.locator('[name="note"]').fill('<b>Complaint</b> to the commission');
    await allege.locator('button[type="submit"]').click();
    const review = page.locator('.incident-panel .review');
    await review.waitFor();
    await expect(review.locator('[data-i18n^="review.status."]').textContent()).resolves.toBe('Open');
    const finding = review.locator('.finding-form');
    await finding.locator('[name="outcome"]').selectOption('violation');
    await finding.locator('[name="responsibleParties"]').fill('mnla');
    await finding.locator('[name="provisions"]').fill('art. 6');
    await finding.locator('[name="note"]').fill('Confirmed by the joint team');
    await finding.locator('button[type="submit"]').click();
    await page.locator('.incident-panel .review .finding').waitFor();
    await expect(page.locator('.incident-panel .review .finding').textContent()).resolves.toBe('Violation — Confirmed by the joint team');
    await page.click('.incident-panel [data-action="review-history"]');
    await page.locator('.review-history li').nth(1).waitFor();
    const history = await page.locator('.review-history li').allTextContents();
    expect(history[0]).toContain('Violation alleged — reviewer-1');
    expect(history[0]).toContain('<b>Complaint</b> to the commission');
    expect(history[1]).toContain('Finding recorded — reviewer-1 — Violation');
    expect(errors).toEqual([]);
    await screenshot(page, 'review-finding');
  });

  it('plays the Kidal timeline: markers appear in occurred-time order; "as known on" highlights what changed', async () => {
    const { page, errors } = await open('/', { as: 'analyst' });
    await page.click('#open-timeline');
    await expect(page.locator('#timeline-anchor option:checked').textContent()).resolves.toBe('Kidal, 17 May 2014');
    await page.locator('.timeline-screen[data-state="ready"]').waitFor();
    const entries = await page.locator('.timeline-entries li').count();
    expect(entries).toBeGreaterThan(3);
    const { entries: api } = await getJson<{ entries: { incidentId: string; occurredAt: string }[] }>('/api/timeline?around=2014-05-17&before=P7D&after=P7D&limit=500');
    expect(entries).toBe(api.length);
    const incidentsInWindow = new Set(api.map((e) => e.incidentId)).size;
    // The incidents layer gives way to the timeline's own markers.
    expect(await page.locator('#map .incident-symbol:not(.timeline-marker *)').count()).toBe(0);

    // Record the order in which markers are added to the map.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        document.querySelectorAll<HTMLElement>('#map .timeline-marker').forEach((m) => {
          const key = `${m.dataset.occurred}|${m.dataset.incidentId}`;
          if (!seen.includes(key)) seen.push(key);
        });
      }).observe(document.getElementById('map')!, { childList: true, subtree: true });
    });
    await page.click('#timeline-step');
    expect(await page.locator('#map .timeline-marker').count()).toBe(1);
    await expect(page.locator('.timeline-entries li.current').count()).resolves.toBe(1);
    await page.selectOption('#timeline-speed', '8');
    await page.click('#timeline-play');
    await expect(page.locator('#timeline-play').textContent()).resolves.toBe('Pause');
    await page.locator(`.timeline-screen[data-revealed="${entries}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator('#map .timeline-marker').count()).toBe(incidentsInWindow);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toHaveLength(incidentsInWindow);
    const occurred = seen.map((key) => key.split('|')[0]);
    expect(occurred).toEqual([...occurred].sort());
    await screenshot(page, 'timeline-played');

    // As known on the day after the clashes: entries recorded since are gone, changed ones highlighted.
    await page.fill('#timeline-asof', '2014-05-18');
    await page.dispatchEvent('#timeline-asof', 'change');
    await page.locator('.timeline-screen[data-state="ready"]').waitFor();
    const asOf = await getJson<{ entries: { changedSince?: string[] }[] }>('/api/timeline?around=2014-05-17&before=P7D&after=P7D&limit=500&asOf=2014-05-18');
    await expect(page.locator('.timeline-entries li').count()).resolves.toBe(asOf.entries.length);
    await expect(page.locator('.timeline-entries li.changed').count()).resolves.toBe(asOf.entries.filter((e) => e.changedSince?.length).length);
    await screenshot(page, 'timeline-as-of');

    // Closing the timeline brings the incidents back.
    await page.click('.sheet-close');
    await mapReady(page);
    expect(await page.locator('#map .timeline-marker').count()).toBe(0);
    expect((await shownTotals(page)).incidents).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  // Last: it leaves a parked event behind.
  it('shows a banner, in the reader’s language, while the read side cannot show everything recorded', async () => {
    const { page } = await open('/');
    // Once the app has had its answer from health (a resource entry exists when the response ended).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/api/health')));
    await page.waitForTimeout(100);
    expect(await page.locator('#read-side-banner').isVisible()).toBe(false);

    // An event no read model can hold (2^31 dead), appended past the HTTP boundary: parked.
    const incidentId = randomUUID();
    const report = { ...kidalReport(), harm: { killed: 2 ** 31, injured: 0, abducted: 0 }, sources: [] };
    const poison = await tracker.store.append(`incident-${incidentId}`, [{ id: randomUUID(), type: 'IncidentReported', data: { incidentId, ...report }, metadata: { userId: 'monitor-1' } }], { expected: 'no_stream' });
    // Every projection has gone past it: parked.
    await tracker.caughtUp(poison.position);

    const again = await open('/');
    await again.page.locator('#read-side-banner').waitFor({ state: 'visible' });
    expect(await again.page.locator('#read-side-banner').textContent()).toContain('Some recorded changes could not be shown');
    await screenshot(again.page, 'read-side-banner');
    await again.page.selectOption('#language', 'fr');
    expect(await again.page.locator('#read-side-banner').textContent()).toContain('Certains changements enregistrés');

    // An incident whose amendment could not be held says so in its panel, in either language.
    const reported = await fetch(`${baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await tracker.as('reviewer')) },
      body: JSON.stringify({ ...kidalReport(), description: 'Amended beyond what the read side holds.' }),
    });
    const { id } = (await reported.json()) as { id: string };
    const amended = await tracker.store.append(
      `incident-${id}`,
      [{ id: randomUUID(), type: 'IncidentAmended', data: { incidentId: id, changes: { harm: { killed: 2 ** 31, injured: 0, abducted: 0 } }, reason: 'typo' }, metadata: { userId: 'monitor-1' } }],
      { expected: 1 },
    );
    await tracker.caughtUp(amended.position);
    const panel = await open(`/?incident=${id}`);
    const notice = panel.page.locator('.incident-panel .needs-attention');
    await notice.waitFor();
    expect(await notice.getAttribute('data-parked')).toBe('1');
    await expect(notice.textContent()).resolves.toMatch(/^Needs attention: 1 recorded change could not be applied to every view \(incidents, reviews, timeline\)/);
    await panel.page.selectOption('#language', 'fr');
    await expect(notice.textContent()).resolves.toMatch(/^À vérifier : 1 modification enregistrée/);
    await screenshot(panel.page, 'needs-attention');
  });
});
