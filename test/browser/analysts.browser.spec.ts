/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { TestTracker } from '../tracker.js';
import { buildWeb, launchChromium, mapReady, openSignedIn, screenshot, shownTotals, startServedTracker } from './harness.js';

/** What an analyst asks of the demo set: places, counts, names, a chart, a timeline, a report. */
describe('The analyst’s screens in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    await buildWeb();
    ({ tracker, baseUrl } = await startServedTracker({ demoData: true }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await tracker?.close();
  });

  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  async function open(path: string, options: Parameters<typeof openSignedIn>[3] = {}) {
    const opened = await openSignedIn(browser, tracker, baseUrl + path, options);
    closers.push(opened.close);
    return opened;
  }

  async function stats(query: string) {
    const response = await fetch(`${baseUrl}/api/stats?${query}`, { headers: await tracker.as('reviewer') });
    expect(response.status).toBe(200);
    return (await response.json()) as { total: { incidents: number; killed: number }; groups: Record<string, string | number>[] };
  }

  it('filters by region: typed in the filters, kept in the URL, totals as the API counts them', async () => {
    const { page, errors } = await open('/?lat=18&lon=-1&z=5');
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
});
