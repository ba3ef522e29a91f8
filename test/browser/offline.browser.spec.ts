/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { photoWithGps } from '../evidence-files.js';
import { eventually } from '../eventually.js';
import { kidalReport } from '../fixtures.js';
import { TEST_PASSWORD, type TestTracker } from '../tracker.js';
import { fillReport, mapReady, openServedBrowser, screenshot } from './harness.js';

/**
 * Offline use in Debian's Chromium with its offline emulation, against the real API: reports
 * written without a connection survive a closed page and reach the record exactly once.
 */
describe('Reporting offline', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  /** Reports as the server received them (counted at its socket, whoever sent them). */
  const reportsReceived: string[] = [];

  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: false }));
    // Only registered actors are accepted: those the report form (harness.ts fillReport) and kidalReport name.
    await tracker.registerActors(['mnla', 'fama']);
    tracker.app.getHttpServer().on('request', (request: IncomingMessage) => {
      if (request.method === 'POST' && request.url === '/api/incidents') reportsReceived.push(String(request.headers['idempotency-key']));
    });
  }, 120_000);
  afterAll(() => close());

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    reportsReceived.length = 0;
  });

  async function newContext(options: { serviceWorkers?: 'allow' | 'block' } = {}) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
    contexts.push(context);
    return context;
  }

  async function newPage(context: BrowserContext) {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function signIn(page: Page, username: string) {
    await tracker.as('monitor', username).catch(() => undefined); // created on first use
    await page.fill('#signin-username', username);
    await page.fill('#signin-password', TEST_PASSWORD);
    await page.click('#signin-form button[type="submit"]');
    await mapReady(page);
  }

  const indicator = (page: Page) => page.locator('#outbox-status .text');

  /** The incidents on the record, read once the read model has reached `minPosition`. */
  async function incidentIds(minPosition?: string): Promise<string[]> {
    const query = new URLSearchParams({ limit: '1000', ...(minPosition ? { minPosition } : {}) });
    const response = await fetch(`${baseUrl}/api/incidents?${query}`, { headers: await tracker.as('reviewer') });
    const { features } = (await response.json()) as { features: { id: string }[] };
    return features.map((f) => f.id);
  }

  it('keeps three reports through a closed page offline, sends each once, and names the refused field to fix', async () => {
    const context = await newContext();
    let page = await newPage(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl + '/');
    await signIn(page, 'monitor-kidal');
    // The service worker has taken over and holds the gazetteer for offline use.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(async () => Boolean(await (await caches.open('reference')).match('/api/reference/places')));

    await context.setOffline(true);
    await expect(indicator(page).textContent()).resolves.toMatch(/Offline/);
    const reports = [
      { description: 'Mortar rounds on the camp at dawn.', lat: '18.44', lon: '1.41' },
      { description: 'Checkpoint exchange of fire.', lat: '16.27', lon: '-0.04' },
      // The form lets a date in the future through; the server refuses it.
      { description: 'Clash reported with a wrong date.', lat: '22.68', lon: '-3.98', occurredAt: '2099-01-01' },
    ];
    for (const report of reports) {
      const form = await fillReport(page, report);
      await form.locator('button[type="submit"]').click();
      await page.locator('#toast', { hasText: 'Saved on this device' }).waitFor();
      await form.waitFor({ state: 'detached' });
    }
    await expect(indicator(page).textContent()).resolves.toBe('Offline · 3 waiting');
    expect(reportsReceived).toEqual([]);

    // Closed and opened again with no network: the app and its form come from the service worker.
    await page.close();
    page = await newPage(context);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl + '/');
    await indicator(page).filter({ hasText: 'Offline · 3 waiting' }).waitFor();
    await page.click('#report');
    await page.locator('.report-form [name="description"]').waitFor();
    const gazetteer = (await (await fetch(`${baseUrl}/api/reference/places`, { headers: await tracker.as('reviewer') })).json()) as { places: unknown[] };
    expect(gazetteer.places.length).toBeGreaterThan(0);
    await expect(page.locator('#places option').count()).resolves.toBe(gazetteer.places.length);
    await page.click('.sheet-close');
    await page.click('#outbox-status');
    const items = page.locator('.outbox-item');
    await expect(items.count()).resolves.toBe(3);
    await expect(items.locator('.by').allTextContents()).resolves.toEqual(Array(3).fill(expect.stringMatching(/^By monitor-kidal, saved /)));
    await expect(items.locator('.state').allTextContents()).resolves.toEqual(Array(3).fill('Saved on this device'));

    // The connection returns: each report is sent once, in the order written.
    // (Chromium's emulation leaves navigator.onLine true in a page opened offline: the outbox
    // finds the link down by probing the server, and finds it back on its next try.)
    await context.setOffline(false);
    await page.locator('.outbox-item[data-state="refused"]').waitFor({ timeout: 30_000 });
    await page.locator('.outbox-item[data-state="recorded"]').nth(1).waitFor();
    await expect(indicator(page).textContent()).resolves.toBe('Online · 1 to fix');
    await screenshot(page, 'offline'); // docs/offline.png
    expect(reportsReceived).toHaveLength(3);
    expect(new Set(reportsReceived).size).toBe(3);
    const recorded = await page.locator('.outbox-item[data-state="recorded"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-incident-id')!));
    const positions = await page.locator('.outbox-item[data-state="recorded"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-position')!));
    for (const id of recorded) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await incidentIds(positions.sort().at(-1))).sort()).toEqual([...recorded].sort());
    for (const id of recorded) {
      await page.locator(`#map [data-incident-id="${id}"]`).waitFor();
      await expect(page.locator(`#map [data-incident-id="${id}"]`).count()).resolves.toBe(1);
    }

    // The refused one names its field; fixed and sent again, it reaches the map once.
    const refused = page.locator('.outbox-item[data-state="refused"]');
    await expect(refused.locator('.errors li').first().getAttribute('data-field')).resolves.toBe('occurredAt');
    await expect(refused.locator('.errors li').first().textContent()).resolves.toMatch(/^Date: .*occurredAt/);
    const refusedId = (await refused.getAttribute('data-incident-id'))!;
    await refused.locator('button', { hasText: 'Fix' }).click();
    const form = page.locator('.report-form');
    await expect(form.locator('[data-error-for="occurredAt"]').textContent()).resolves.toMatch(/occurredAt/);
    await expect(form.locator('[name="description"]').inputValue()).resolves.toBe('Clash reported with a wrong date.');
    await form.locator('[name="occurredAt"]').fill('2014-05-17');
    await form.locator('button[type="submit"]').click();
    await page.locator(`#map [data-incident-id="${refusedId}"]`).waitFor();
    await expect(page.locator(`#map [data-incident-id="${refusedId}"]`).count()).resolves.toBe(1);
    expect(reportsReceived).toHaveLength(4);
    expect((await incidentIds()).sort()).toEqual([...recorded, refusedId].sort());
    expect(errors).toEqual([]);
  });

  it('keeps a photo chosen offline with its report, and attaches it once after the report is on the record', async () => {
    const context = await newContext();
    const page = await newPage(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const evidenceReceived: string[] = [];
    const countEvidence = (request: IncomingMessage) => {
      if (request.method === 'POST' && /^\/api\/incidents\/[^/]+\/evidence$/.test(request.url ?? '')) evidenceReceived.push(String(request.headers['idempotency-key']));
    };
    tracker.app.getHttpServer().on('request', countEvidence);
    try {
      await page.goto(baseUrl + '/');
      await signIn(page, 'monitor-photo');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);
      await indicator(page).filter({ hasText: 'Offline' }).waitFor();

      const photo = await photoWithGps();
      const form = await fillReport(page, { description: 'Burnt vehicles photographed at the checkpoint.', lat: '18.44', lon: '1.41' });
      await form.locator('#evidence-files').setInputFiles({ name: 'checkpoint.jpg', mimeType: 'image/jpeg', buffer: photo });
      await form.locator('#evidence-caption').fill('Burnt vehicles');
      await form.locator('button[type="submit"]').click();
      await page.locator('#toast', { hasText: 'Saved on this device' }).waitFor();
      await form.waitFor({ state: 'detached' });
      await page.click('#outbox-status');
      const item = page.locator('.outbox-item');
      await expect(item.count()).resolves.toBe(1);
      const file = item.locator('.outbox-file');
      await expect(file.getAttribute('data-state')).resolves.toBe('waiting');
      await expect(file.textContent()).resolves.toMatch(/^checkpoint\.jpg \(\d+\s?kB\): waits for its report to be on the record$/);
      // The thumbnail is drawn from the bytes kept on the device.
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('.outbox-file img.outbox-thumbnail')?.naturalWidth ?? 0) > 0);
      expect(reportsReceived).toEqual([]);
      expect(evidenceReceived).toEqual([]);

      await context.setOffline(false);
      await page.locator('.outbox-item[data-state="recorded"] .outbox-file[data-state="sent"]').waitFor({ timeout: 30_000 });
      await expect(page.locator('.outbox-file').textContent()).resolves.toMatch(/^checkpoint\.jpg \(\d+\s?kB\): attached$/);
      await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('.outbox-file img.outbox-thumbnail')?.naturalWidth ?? 0) > 0);
      await expect(indicator(page).textContent()).resolves.toBe('Online');
      expect(reportsReceived).toHaveLength(1);
      expect(evidenceReceived).toHaveLength(1);

      const id = (await item.getAttribute('data-incident-id'))!;
      const position = (await item.getAttribute('data-position'))!;
      // The item's position is the report's; the attachment comes after it.
      const view = await eventually('the attachment in the read model', async () => {
        const response = await fetch(`${baseUrl}/api/incidents/${id}?minPosition=${position}`, { headers: await tracker.as('reviewer') });
        const body = (await response.json()) as { evidence?: { sha256: string; caption: string }[] };
        return body.evidence?.length ? body : undefined;
      });
      expect(view.evidence).toEqual([expect.objectContaining({ sha256: createHash('sha256').update(photo).digest('hex'), caption: 'Burnt vehicles' })]);
      expect(errors).toEqual([]);
    } finally {
      tracker.app.getHttpServer().off('request', countEvidence);
    }
  });

  it('appends nothing when the answer is lost after the server committed: the retry sends the same body and key', async () => {
    // page.route does not see requests a service worker handles: this test needs none.
    const context = await newContext({ serviceWorkers: 'block' });
    const page = await newPage(context);
    await page.goto(baseUrl + '/');
    await signIn(page, 'monitor-gao');
    const bodies: string[] = [];
    let cut = false;
    await page.route('**/api/incidents', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      bodies.push(route.request().postData()!);
      if (cut) return route.continue();
      cut = true;
      const response = await route.fetch(); // committed on the server …
      expect(response.status()).toBe(201);
      await route.abort('connectionreset'); // … and the answer never arrives
    });
    const before = await tracker.eventCount();
    const form = await fillReport(page, { description: 'Ambush on the Araouane track.', lat: '20.3', lon: '-1.5' });
    await form.locator('button[type="submit"]').click();
    await page.locator('#toast', { hasText: 'Saved on this device' }).waitFor();
    await page.click('#outbox-status');
    await page.locator('.outbox-item[data-state="sent"]').waitFor();
    // The back-off's retry (2 s later) gets the first answer again.
    await page.locator('.outbox-item[data-state="recorded"]').waitFor({ timeout: 15_000 });
    const id = (await page.locator('.outbox-item').getAttribute('data-incident-id'))!;
    await page.locator(`#map [data-incident-id="${id}"]`).waitFor();

    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(new Set(reportsReceived)).toEqual(new Set([reportsReceived[0]]));
    expect(reportsReceived).toHaveLength(2);
    expect(await tracker.eventCount()).toBe(before + 1);
    expect(await incidentIds()).toContain(id);
  });
  it('keeps a report written under an expired token, and sends it only after its author signs in again', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(baseUrl + '/');
    await signIn(page, 'monitor-tessalit');
    await context.setOffline(true);
    // Days in the desert: the token's time runs out while the device is offline.
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('tracker.session')!) as { expiresAt: string };
      localStorage.setItem('tracker.session', JSON.stringify({ ...stored, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    });
    const form = await fillReport(page, { description: 'Convoy stopped north of Tessalit.', lat: '20.2', lon: '1.0' });
    await form.locator('button[type="submit"]').click();
    await page.locator('#toast', { hasText: 'Saved on this device; it will be sent after you sign in again.' }).waitFor();

    // Back online, someone else signs in on this device: their report goes, the other one waits.
    await context.setOffline(false);
    await page.reload();
    await signIn(page, 'monitor-aguelhok');
    const own = await fillReport(page, { description: 'Shots fired at the well.', lat: '19.46', lon: '0.86' });
    await own.locator('button[type="submit"]').click();
    await page.waitForURL(/incident=/);
    await page.click('#outbox-status');
    const waiting = page.locator('.outbox-item[data-author="monitor-tessalit"]');
    await expect(waiting.locator('.state').textContent()).resolves.toBe('Saved on this device');
    await expect(waiting.locator('.hint').textContent()).resolves.toBe('Waits for monitor-tessalit to sign in.');
    await expect(page.locator('.outbox-item[data-author="monitor-aguelhok"]').getAttribute('data-state')).resolves.toBe('recorded');
    expect(reportsReceived).toHaveLength(1);

    // Its author signs in again: it is sent, in their name.
    await page.click('#sign-out');
    await page.locator('#signin-form').waitFor();
    await signIn(page, 'monitor-tessalit');
    await page.click('#outbox-status');
    await page.locator('.outbox-item[data-author="monitor-tessalit"][data-state="recorded"]').waitFor();
    expect(reportsReceived).toHaveLength(2);
    const item = page.locator('.outbox-item[data-author="monitor-tessalit"]');
    const [id, position] = [await item.getAttribute('data-incident-id'), await item.getAttribute('data-position')];
    const response = await fetch(`${baseUrl}/api/incidents/${id}?minPosition=${position}`, { headers: await tracker.as('reviewer') });
    await expect(response.json()).resolves.toMatchObject({ reportedBy: 'monitor-tessalit', details: { description: 'Convoy stopped north of Tessalit.' } });
  });

  it('shows both versions when an amendment written offline meets a newer one, and re-applies it on the latest', async () => {
    const monitor = await tracker.as('monitor', 'monitor-menaka');
    const reported = await fetch(`${baseUrl}/api/incidents`, { method: 'POST', headers: { ...monitor, 'Content-Type': 'application/json' }, body: JSON.stringify(kidalReport()) });
    const { id, position: reportedAt } = (await reported.json()) as { id: string; position: string };
    // The panel opened below reads the record once: after the read models hold it.
    await tracker.caughtUp(reportedAt);
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${baseUrl}/?incident=${id}`);
    await signIn(page, 'monitor-menaka');
    await page.locator('.incident-panel [data-action="amend"]').click();

    await context.setOffline(true);
    const form = page.locator('.report-form');
    await form.locator('[name="harm.killed"]').fill('11');
    await form.locator('[name="reason"]').fill('Hospital list received');
    await form.locator('button[type="submit"]').click();
    await page.locator('#toast', { hasText: 'Saved on this device' }).waitFor();

    // Meanwhile a reviewer records a verification: the amendment's version is no longer the latest.
    const current = (await (await fetch(`${baseUrl}/api/incidents/${id}`, { headers: await tracker.as('reviewer') })).json()) as { version: number };
    const verified = await fetch(`${baseUrl}/api/incidents/${id}/verification`, {
      method: 'POST',
      headers: { ...(await tracker.as('reviewer')), 'Content-Type': 'application/json' },
      body: JSON.stringify({ expectedVersion: current.version, level: 'corroborated', note: 'A second source' }),
    });
    expect(verified.status).toBe(200);

    await context.setOffline(false);
    await page.click('#outbox-status');
    const item = page.locator('.outbox-item[data-state="conflict"]');
    await item.waitFor();
    await expect(item.locator('tr[data-field="harm"] th').textContent()).resolves.toBe('Harm');
    await expect(item.locator('tr[data-field="harm"] .yours').textContent()).resolves.toContain('"killed":11');
    await expect(item.locator('tr[data-field="harm"] .theirs').textContent()).resolves.toContain('"killed":8');
    await expect(item.locator('thead th').nth(2).textContent()).resolves.toBe(`On the record (version ${current.version + 1})`);
    await item.locator('[data-action="reapply"]').click();
    const position = await page.locator('.outbox-item[data-state="recorded"]').getAttribute('data-position');
    const after = (await (await fetch(`${baseUrl}/api/incidents/${id}?minPosition=${position}`, { headers: await tracker.as('reviewer') })).json()) as { verification: string; details: { harm: { killed: number } } };
    expect(after.details.harm.killed).toBe(11);
    expect(after.verification).toBe('corroborated');
  });
});
