/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { TestTracker } from '../tracker.js';
import { mapReady, openServedBrowser, pagesClosedAfterEachTest, pdfText, screenshot, shownTotals } from './harness.js';

/** What an analyst asks of the demo set: places, counts, names, a chart, a timeline, a report. */
describe('The analyst’s screens in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;

  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: true }));
    // The demo set is in every read model before a page or a test's request reads it.
    await tracker.caughtUp();
  }, 120_000);
  afterAll(() => close());

  const open = pagesClosedAfterEachTest(() => ({ browser, tracker, baseUrl }));

  async function stats(query: string) {
    const response = await fetch(`${baseUrl}/api/stats?${query}`, { headers: await tracker.as('reviewer') });
    expect(response.status).toBe(200);
    return (await response.json()) as { total: { incidents: number; killed: number }; groups: Record<string, string | number>[] };
  }

  it('filters by region: typed in the filters, kept in the URL, totals as the API counts them', async () => {
    const { page, errors } = await open('/?lat=18&lon=-1&z=5');
    // The header's context is the server's configuration (the default here), in either language.
    await page.waitForFunction(() => document.getElementById('app-context')?.textContent === 'Northern Mali, 2012–2015');
    const all = await shownTotals(page);
    await page.fill('input[name="admin1"]', 'kidal');
    await page.waitForURL(/admin1=kidal/);
    await mapReady(page);
    const kidal = await shownTotals(page);
    const expected = (await stats('admin1=Kidal&status=active')).total;
    expect(expected.incidents).toBeGreaterThan(5);
    expect(kidal).toEqual({ incidents: expected.incidents, killed: expected.killed });
    expect(kidal.incidents).toBeLessThan(all.incidents);

    await page.reload();
    await mapReady(page);
    expect(await page.inputValue('input[name="admin1"]')).toBe('kidal');
    expect(await shownTotals(page)).toEqual(kidal);
    expect(errors).toEqual([]);
    await screenshot(page, 'region-filter');
  });

  async function getJson<T>(path: string): Promise<T> {
    const response = await fetch(baseUrl + path, { headers: await tracker.as('reviewer') });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('names actors in the panel, its history and the timeline, by the names registered now', async () => {
    const { features } = await getJson<{ features: { id: string; properties: { actors: { actorId: string; role: string }[] } }[] }>('/api/incidents?actor=MNLA&from=2014-05-17&to=2014-05-17');
    const incident = features[0];
    expect(incident).toBeDefined();
    const { page, errors } = await open(`/?incident=${incident.id}`);
    const mnla = page.locator('.incident-details [data-actor-id="mnla"]');
    await expect(mnla.textContent()).resolves.toMatch(/^Mouvement national pour la libération de l'Azawad — /);
    expect(await page.locator('.incident-details').textContent()).not.toContain('mnla —');

    // A rename shows in a panel opened afterwards (the names are read live, not from a file).
    const admin = await tracker.client('admin');
    const { version } = (await admin.get('/api/actors')).body.actors.find((a: { id: string }) => a.id === 'mnla');
    const renamed = await admin.post('/api/actors/mnla/renaming').send({ expectedVersion: version, name: 'MNLA (renamed in test)', shortName: 'MNLA-R', reason: 'test' });
    expect(renamed.status).toBe(200);
    // The reloaded page reads the names once: after the actors read model has the new one.
    await tracker.caughtUp(renamed.body.position);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('.incident-details [data-actor-id="mnla"]')?.textContent?.startsWith('MNLA (renamed in test)'));

    await page.click('#open-timeline');
    await page.locator('.timeline-screen[data-state="ready"]').waitFor();
    const facts = await page.locator('.timeline-entries .entry-facts').allTextContents();
    expect(facts.length).toBeGreaterThan(3);
    expect(facts.every((text) => /\d+ killed/.test(text))).toBe(true);
    expect(facts.some((text) => text.includes('MNLA (renamed in test)'))).toBe(true);
    expect(facts.some((text) => /\bmnla\b/.test(text))).toBe(false);
    expect(errors).toEqual([]);
    await screenshot(page, 'names-in-timeline');
    const back = await admin.post('/api/actors/mnla/renaming').send({ expectedVersion: version + 1, name: "Mouvement national pour la libération de l'Azawad", shortName: 'MNLA', reason: 'back' });
    expect(back.status).toBe(200);
    await tracker.caughtUp(back.body.position);
  });

  it('plays the timeline on the map: fitted beside the panel, each step highlighted, the counter counting what is shown', async () => {
    const { page, errors } = await open('/', { role: 'analyst' });
    await page.click('#open-timeline');
    await page.locator('.timeline-screen[data-state="ready"]').waitFor();
    const { entries } = await getJson<{ entries: { incidentId: string }[] }>('/api/timeline?around=2014-05-17&before=P7D&after=P7D&limit=500');
    const total = new Set(entries.map((e) => e.incidentId)).size;
    await expect(page.locator('#map-status').textContent()).resolves.toBe(`0 of ${total} incidents shown`);

    const sheet = (await page.locator('#sheet').boundingBox())!;
    const mapBox = (await page.locator('#map').boundingBox())!;
    for (let step = 1; step <= entries.length; step++) {
      await page.click('#timeline-step');
      const current = await page.locator('.timeline-screen').getAttribute('data-current');
      const highlighted = page.locator('#map .timeline-marker.current');
      await expect(highlighted.count()).resolves.toBe(1);
      await expect(highlighted.getAttribute('data-incident-id')).resolves.toBe(current);
      const box = (await highlighted.boundingBox())!;
      // In the part of the map the panel leaves free.
      expect(box.x + box.width / 2).toBeGreaterThan(mapBox.x);
      expect(box.x + box.width / 2).toBeLessThan(sheet.x);
      expect(box.y + box.height / 2).toBeGreaterThan(mapBox.y);
      expect(box.y + box.height / 2).toBeLessThan(mapBox.y + mapBox.height);
    }
    const shown = await page.locator('#map .timeline-marker').count();
    expect(shown).toBe(total);
    await expect(page.locator('#map-status').textContent()).resolves.toBe(`${total} of ${total} incidents shown`);
    expect(errors).toEqual([]);
    await screenshot(page, 'timeline-focus');
  });

  it('charts incidents and dead by month under the map, as the API counts them; brushing sets the map’s period', async () => {
    const { page, errors } = await open('/?lat=18&lon=-1&z=5');
    const chart = page.locator('#map-area > .incident-chart[data-state="ready"]');
    await chart.waitFor();
    const all = await stats('status=active');
    await expect(chart.getAttribute('data-incidents')).resolves.toBe(String(all.total.incidents));
    await expect(chart.getAttribute('data-killed')).resolves.toBe(String(all.total.killed));
    await screenshot(page, 'chart');

    // Drag across the middle of the plot: the map's from/to become the first and last day of the months covered.
    const over = (await page.locator('#map-area .incident-chart .u-over').boundingBox())!;
    const y = over.y + over.height / 2;
    await page.mouse.move(over.x + over.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=\d{4}-\d{2}-01.*to=\d{4}-\d{2}-\d{2}/);
    await mapReady(page);
    const from = await page.inputValue('input[name="from"]');
    const to = await page.inputValue('input[name="to"]');
    expect(from < to).toBe(true);
    expect(from.endsWith('-01')).toBe(true);
    const period = await stats(`status=active&from=${from}&to=${to}`);
    expect(period.total.incidents).toBeLessThan(all.total.incidents);
    expect(await shownTotals(page)).toEqual({ incidents: period.total.incidents, killed: period.total.killed });
    // The chart keeps the whole period, so another stretch can be chosen.
    await expect(chart.getAttribute('data-incidents')).resolves.toBe(String(all.total.incidents));

    // The timeline screen has the chart too, in the reader's language.
    await page.click('#open-timeline');
    await page.locator('.timeline-screen .incident-chart[data-state="ready"]').waitFor();
    expect(errors).toEqual([]);
  });

  it('fits the violations table in its panel at 1280 px', async () => {
    const { page } = await open('/', { width: 1280, height: 800 });
    await page.click('#open-reviews');
    await page.selectOption('#review-agreement', 'kidal-ceasefire-2014');
    await page.locator('.review-table[data-query="agreement=kidal-ceasefire-2014&rollup=actor"]').waitFor();
    const fit = await page.locator('.review-table').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    const sheet = (await page.locator('#sheet').boundingBox())!;
    for (const column of ['Inconclusive', 'Killed']) {
      const box = (await page.locator('.review-table thead th', { hasText: column }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(sheet.x + sheet.width);
    }
    await screenshot(page, 'violations-fit');
  });
  it('prints the ceasefire mechanism’s report: the by-group table’s figures, then each confirmed violation with its finding and history', async () => {
    const { page, errors } = await open('/');
    // The browser's print dialog is the user's business: the test prints to PDF itself.
    await page.evaluate(() => (window.print = () => void (document.body.dataset.printed = 'true')));
    await page.click('#open-reviews');
    await page.selectOption('#review-agreement', 'ouagadougou-2013');
    await page.fill('#review-from', '2013-06-18');
    await page.fill('#review-to', '2015-06-20');
    await page.locator('#review-to').dispatchEvent('change');
    await page.locator('.review-table[data-query="agreement=ouagadougou-2013&from=2013-06-18&to=2015-06-20&rollup=actor"]').waitFor();
    await page.click('[data-action="print-report"]');
    await page.waitForSelector('body[data-printed="true"]');
    const pages = await pdfText(await page.pdf({ format: 'A4' }));
    const text = pages.join(' ');

    const { rows } = await getJson<{ rows: (Record<string, number> & { groupName: string; group: string })[] }>('/api/violations/by-group?agreement=ouagadougou-2013&from=2013-06-18&to=2015-06-20&rollup=actor');
    expect(rows.length).toBeGreaterThan(1);
    const columns = ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive', 'killedInConfirmed'];
    // Each group by its name, with its six figures in the table's order, on the first page.
    for (const row of rows) expect(pages[0]).toContain(`${row.groupName} ${columns.map((c) => row[c].toLocaleString('en-GB')).join(' ')}`);
    expect(pages[0]).not.toContain(' mnla ');

    const { reviews } = await getJson<{ reviews: { incidentId: string; finding: { outcome: string; note?: string } | null; status: string }[] }>('/api/reviews?agreement=ouagadougou-2013&status=decided&from=2013-06-18&to=2015-06-20');
    const confirmed = reviews.filter((r) => r.finding?.outcome === 'violation');
    expect(confirmed.length).toBe(3);
    expect(text).toContain(`Confirmed violations (${confirmed.length})`);
    // Each confirmed violation from a new page: its finding, its incident, both histories.
    expect(pages.filter((p) => /^\d+\. /.test(p))).toHaveLength(confirmed.length);
    const count = (phrase: string) => text.split(phrase).length - 1;
    expect(count('History of the incident')).toBe(confirmed.length);
    expect(count('History of the review')).toBe(confirmed.length);
    for (const review of confirmed) {
      expect(text).toContain(review.finding!.note!.slice(0, 60));
      expect(text).toContain(review.incidentId);
    }
    // The reopened review shows its whole course.
    expect(text).toContain('Review reopened');
    expect(errors).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-report');
  });
});
