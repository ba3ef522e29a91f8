/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { INCIDENT_TYPES, type IncidentType } from '#domain';
import { eventually } from '../eventually.js';
import { seededRandom } from '../seeded-random.js';
import type { TestTracker } from '../tracker.js';
import { mapReady, openServedBrowser, openSignedIn, screenshot } from './harness.js';

/** As many incidents as ACLED has for Mali 2012–2015 (4,318 when issue 16 was filed). */
const INCIDENTS = 4000;
const { places } = JSON.parse(readFileSync(join(import.meta.dirname, '../../data/gazetteer.json'), 'utf8')) as { places: { name: string; lat: number; lon: number; admin1: string }[] };

/** Issue 16, "The map at density": badges never overlap each other or the place names. */
describe('The map at the density of a real dataset', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: false }));
    // Around the gazetteer's towns, some anywhere in the north; appended straight to the store, as an import would.
    const { next, pick, gaussian } = seededRandom(4318);
    let last = '';
    let appended = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (appended < INCIDENTS) {
        appended += 1;
        const anywhere = next() < 0.15;
        const place = pick(places);
        const type = pick(Object.keys(INCIDENT_TYPES) as IncidentType[]);
        const incidentId = randomUUID();
        const data = {
          incidentId,
          occurredAt: new Date(Date.UTC(2012, 0, 17) + Math.floor(next() * 1250) * 86_400_000).toISOString().slice(0, 10),
          timePrecision: 'day',
          location: {
            lat: Number((anywhere ? 14 + next() * 7 : place.lat + gaussian() * 0.25).toFixed(4)),
            lon: Number((anywhere ? -5 + next() * 9 : place.lon + gaussian() * 0.25).toFixed(4)),
            place: place.name, admin1: place.admin1, precision: anywhere ? 'region' : 'near',
          },
          type, subType: pick(INCIDENT_TYPES[type]), targets: ['civilians'], actors: [],
          harm: { killed: Math.floor(next() ** 3 * 12), injured: 0, abducted: 0 },
          description: 'Density test incident.', sources: [],
        };
        const { position } = await tracker.store.append(`incident-${incidentId}`, [{ id: randomUUID(), type: 'IncidentReported', data: data as never, metadata: { userId: 'density-test' } }], { expected: 'no_stream' });
        if (position > last) last = position;
      }
    }));
    const headers = await tracker.as('reviewer');
    await eventually('the projection of every incident', async () => {
      const response = await fetch(`${baseUrl}/api/incidents?limit=1&minPosition=${encodeURIComponent(last)}`, { headers });
      return response.ok && !response.headers.has('x-read-model-behind');
    }, { timeoutMs: 120_000, intervalMs: 200 });
  }, 300_000);
  afterAll(() => close());

  /** Every drawn mark's rectangle on screen: badges and symbols, and the place names left visible. */
  const marks = (page: Page) =>
    page.evaluate(() => {
      const rects = (selector: string) =>
        [...document.querySelectorAll<HTMLElement>(selector)]
          .map((e) => ({ text: e.textContent ?? '', r: e.getBoundingClientRect(), visible: getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0 }))
          .filter((m) => m.visible)
          .map(({ text, r }) => ({ text, left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
      return { badges: rects('#map .cluster-label, #map .incident-symbol'), labels: rects('#map .place-label') };
    });
  type Rect = { text: string; left: number; top: number; right: number; bottom: number };
  const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const pairs = (a: Rect[], b: Rect[], same: boolean) =>
    a.flatMap((x, i) => b.slice(same ? i + 1 : 0).filter((y) => overlap(x, y)).map((y) => `${x.text} × ${y.text}`));

  it.each([5, 6, 7, 8])('draws no badge over another or over a place name at zoom %i, and the badges add up to the incidents in view', async (zoom) => {
    const { page, errors, close: closePage } = await openSignedIn(browser, tracker, `${baseUrl}/?lat=18&lon=-1.5&z=${zoom}`);
    try {
      await mapReady(page);
      // The gazetteer's names arrive on their own; those under a badge are hidden the frame after.
      await page.waitForFunction(() => document.querySelectorAll('#map .place-label').length > 0);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { badges, labels } = await marks(page);
      expect(badges.length).toBeGreaterThan(5);
      expect(pairs(badges, badges, true)).toEqual([]);
      expect(pairs(badges, labels, false)).toEqual([]);
      // Merging overlapping badges keeps every incident counted once.
      const counted = await page.evaluate(() => {
        const clusters = [...document.querySelectorAll('#map .cluster-label')].reduce((sum, e) => sum + Number(e.getAttribute('data-count')), 0);
        return clusters + document.querySelectorAll('#map .incident-symbol').length;
      });
      const status = (await page.locator('#map-status').textContent())!.replace(/\D/g, '');
      expect(counted).toBe(Number(status));
      if (zoom >= 6) expect(labels.length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await screenshot(page, `density-z${zoom}`);
    } finally {
      await closePage();
    }
  });
});
