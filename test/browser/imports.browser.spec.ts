/// <reference lib="dom" />
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { importedIncidentId } from '#tracker';
import type { TestTracker } from '../tracker.js';
import { openServedBrowser, openSignedIn, screenshot } from './harness.js';

const ACLED = fileURLToPath(new URL('../../libs/tracker/src/imports/fixtures/acled-mali-2014.csv', import.meta.url));

describe('The import screen in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: false }));
    await tracker.as('admin', 'admin-1');
  }, 120_000);
  afterAll(() => close());

  it('imports an ACLED file: progress, then the summary with the rejected lines; provisional actors labelled, confirmed and merged', async () => {
    const { page, errors, close: closePage } = await openSignedIn(browser, tracker, `${baseUrl}/?lat=18&lon=1&z=6`, { role: 'admin' });
    try {
      await page.click('#open-import');
      const screen = page.locator('.import-screen');
      // Sent without a file: the server's refusal is shown beside the file field.
      await screen.locator('button[type="submit"]').click();
      await page.waitForFunction(() => document.querySelector('[data-error-for="file"]')?.textContent?.includes('file is required'));

      await screen.locator('#import-file').setInputFiles(ACLED);
      await screen.locator('#import-dataset').selectOption('acled');
      await screen.locator('button[type="submit"]').click();
      await page.locator('.import-job[data-state="done"]').waitFor({ timeout: 30_000 });
      const jobId = await page.locator('.import-job').getAttribute('data-job');
      const job = await (await fetch(`${baseUrl}/api/imports/${jobId}`, { headers: await tracker.as('admin', 'admin-1') })).json();
      expect(await page.locator('.import-summary').textContent()).toBe(
        `Read ${job.summary.read}, new ${job.summary.new}, amended 0, unchanged 0, retracted 0, rejected ${job.summary.rejected}`,
      );
      expect(job.summary.rejected).toBeGreaterThan(0);
      const lines = await page.locator('.import-rejections tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-line'))));
      expect(lines).toEqual(job.summary.rejections.map((r: { line: number }) => r.line));
      // The map shows what was imported, without a reload.
      await page.waitForFunction(() => document.querySelectorAll('#map .cluster-label, #map .incident-symbol').length > 0);
      expect(await page.locator('.import-provisional').textContent()).toContain('Unidentified Armed Group (Mali)');
      await screenshot(page, 'import-done');

      // The provisional actors the import created, each labelled and with its actions.
      const unidentified = page.locator('.provisional-actors li[data-actor-id="unidentified-armed-group-mali"]');
      await unidentified.waitFor();
      expect(await unidentified.locator('.badge.provisional').textContent()).toBe('provisional');
      // A reason is asked for before anything is sent.
      await unidentified.locator('button.confirm').click();
      expect(await page.locator('.actors-review .form-status').textContent()).toBe('Give a reason first.');
      await page.fill('#actors-reason', 'A group in its own right');
      await unidentified.locator('button.confirm').click();
      await unidentified.waitFor({ state: 'detached' });
      const hcua = page.locator('.provisional-actors li[data-actor-id="hcua-high-council-for-the-unity-of-azawad"]');
      await hcua.locator('select[name="into"]').selectOption('maa-arab-movement-of-azawad');
      await hcua.locator('button.merge').click();
      await hcua.waitFor({ state: 'detached' });
      const admin = await tracker.client('admin', 'admin-1');
      const actors = (await admin.get('/api/actors').expect(200)).body.actors as { id: string; provisional?: boolean; mergedInto?: string }[];
      expect(actors.find((a) => a.id === 'hcua-high-council-for-the-unity-of-azawad')?.mergedInto).toBe('maa-arab-movement-of-azawad');
      expect((await admin.get('/api/actors').query({ provisional: 'true' })).body.actors.map((a: { id: string }) => a.id)).not.toContain('unidentified-armed-group-mali');

      // In French, the screen and the summary say the same in French.
      await page.selectOption('#language', 'fr');
      expect(await page.locator('#open-import').textContent()).toBe('Importer');
      expect(await page.locator('.import-summary').textContent()).toMatch(/^Lues \d+, nouvelles \d+/);
      expect(await page.locator('.import-rejections h4').textContent()).toBe('Lignes refusées');

      // The incident panel labels an actor still provisional.
      await page.goto(`${baseUrl}/?incident=${importedIncidentId('acled', 'MLI861')}`);
      const minusma = page.locator('.incident-details .actor', { hasText: 'MINUSMA' });
      await minusma.locator('.badge.provisional').waitFor();
      expect(await minusma.locator('.badge.provisional').textContent()).toBe('provisoire');
      expect(errors).toEqual([]);
    } finally {
      await closePage();
    }
  }, 120_000);

  it('shows the import screen to administrators only; the amend form keeps the side an associated actor stands with', async () => {
    const { page, errors, close: closePage } = await openSignedIn(browser, tracker, `${baseUrl}/?incident=${importedIncidentId('acled', 'MLI858')}`, { role: 'reviewer' });
    try {
      expect(await page.locator('#open-import').isHidden()).toBe(true);
      await page.click('button[data-action="amend"]');
      const rows = page.locator('.report-form .row.actor');
      await rows.first().waitFor();
      const sides = await rows.evaluateAll((list) =>
        list.map((row) => {
          const [role, side] = row.querySelectorAll('select');
          return { role: role.value, with: (side.closest('.field') as HTMLElement).hidden ? null : side.value };
        }),
      );
      expect(sides).toEqual([
        { role: 'side_a', with: null },
        { role: 'side_b', with: null },
        { role: 'associated', with: 'side_b' },
        { role: 'associated', with: 'side_b' },
      ]);
      expect(errors).toEqual([]);
    } finally {
      await closePage();
    }
  });
});
