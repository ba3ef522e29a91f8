import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD, startTestTracker, type TestTracker } from '../tracker.js';

const root = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(root, 'test-artifacts/browser');

/**
 * Builds apps/web/dist, which the API serves at `/`. In a child process: Vite's bundler is
 * native code that is better kept out of jest's module sandbox.
 */
export async function buildWeb(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: root });
}

/** The real app on a fresh database, listening on a free port. */
export async function startServedTracker(options: { demoData?: boolean } = {}): Promise<{ tracker: TestTracker; baseUrl: string }> {
  const tracker = await startTestTracker({ demoData: options.demoData ?? true });
  await tracker.app.listen(0, '127.0.0.1');
  const { port } = tracker.app.getHttpServer().address() as AddressInfo;
  return { tracker, baseUrl: `http://127.0.0.1:${port}` };
}

/** Debian's Chromium (browsers cannot be downloaded here), headless and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What every browser spec starts with: the web app built, the real app served, a Chromium. */
export async function openServedBrowser(options: { demoData: boolean }) {
  await buildWeb();
  const { tracker, baseUrl } = await startServedTracker(options);
  const browser = await launchChromium();
  return { tracker, baseUrl, browser, close: async () => (await browser.close(), await tracker.close()) };
}

export async function screenshot(page: Page, scenario: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${scenario}.png`) });
}

/** Waits until the map has drawn every page of incidents for its view. */
export async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('body[data-incidents="ready"]');
}

/** What the map shows: incidents and killed, summed over cluster labels and single markers. */
export async function shownTotals(page: Page): Promise<{ incidents: number; killed: number }> {
  const clusters = await page.locator('#map .cluster-label').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-count')), Number(e.getAttribute('data-killed'))]));
  const points = await page.locator('#map .incident-symbol').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-killed'))));
  return {
    incidents: clusters.reduce((sum, [count]) => sum + count, 0) + points.length,
    killed: clusters.reduce((sum, [, killed]) => sum + killed, 0) + points.reduce((a, b) => a + b, 0),
  };
}

/** Opens the report form and fills in a complete report of a clash at Taoudenni, at the given point. */
export async function fillReport(page: Page, fields: { occurredAt?: string; description: string; lat: string; lon: string }) {
  await page.click('#report');
  const form = page.locator('.report-form');
  if (fields.occurredAt) await form.locator('[name="occurredAt"]').fill(fields.occurredAt);
  await form.locator('[name="location.lat"]').fill(fields.lat);
  await form.locator('[name="location.lon"]').fill(fields.lon);
  await form.locator('[name="location.place"]').fill('Taoudenni');
  await form.locator('[name="location.admin1"]').fill('Tombouctou');
  await form.locator('[name="type"]').selectOption('battles');
  await form.locator('[name="subType"]').selectOption('armed_clash');
  await form.locator('[name="description"]').fill(fields.description);
  await form.locator('[name="harm.killed"]').fill('2');
  await form.locator('input[name="targets"][value="armed_groups"]').check();
  await form.locator('button[data-i18n="form.addActor"]').click();
  // A whole id (or name) typed without picking from the suggestions names its actor when the field is left.
  await form.locator('[name="actors[0].actorId"]').fill('mnla');
  await form.locator('[name="actors[0].actorId"]').press('Tab');
  await form.locator('button[data-i18n="form.addSource"]').click();
  await form.locator('[name="sources[0].reference"]').fill('Phone call with a herder');
  return form;
}

/**
 * A fresh browser profile (no remembered language or user) on a page of the app, signed in
 * through the sign-in screen as a user of this role (created through the administrator).
 */
export async function openSignedIn(
  browser: Browser,
  tracker: TestTracker,
  url: string,
  { locale = 'en-GB', width = 1280, height = 800, role = 'reviewer' as Parameters<TestTracker['as']>[0] & string } = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await tracker.as(role);
  await page.fill('#signin-username', `${role}-1`);
  await page.fill('#signin-password', TEST_PASSWORD);
  await page.click('#signin-form button[type="submit"]');
  await mapReady(page);
  return { page, errors, close: () => context.close() };
}

/**
 * `open(path)` for a suite: a signed-in page of the served app (`served()` once `beforeAll` has
 * set it), closed after the test that opened it.
 */
export function pagesClosedAfterEachTest(served: () => { browser: Browser; tracker: TestTracker; baseUrl: string }) {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return async function open(path: string, options: Parameters<typeof openSignedIn>[3] = {}) {
    const { browser, tracker, baseUrl } = served();
    const opened = await openSignedIn(browser, tracker, baseUrl + path, options);
    closers.push(opened.close);
    return opened;
  };
}

/** The text of a PDF (the browser's print), page by page, with pdf.js; runs of spaces made one. */
export async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = getDocument({ data: new Uint8Array(pdf) });
  const document = await loading.promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const { items } = await (await document.getPage(n)).getTextContent();
    pages.push(items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? ' ' : ''}` : '')).join(' ').replace(/\s+/g, ' '));
  }
  await loading.destroy();
  return pages;
}
