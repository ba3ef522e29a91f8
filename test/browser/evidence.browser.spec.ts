/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { photoWithGps } from '../evidence-files.js';
import { kidalReport } from '../fixtures.js';
import type { TestTracker } from '../tracker.js';
import { openServedBrowser, openSignedIn, screenshot } from './harness.js';

/** A monitor attaches a photo to their report from the incident's panel, in French. */
describe('Evidence in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: false }));
    await tracker.registerActors(['mnla', 'fama']);
  }, 120_000);
  afterAll(() => close());

  it('attaches a photo and shows its thumbnail in the panel, and the attachment in the history', async () => {
    const monitor = await tracker.client('monitor');
    const { id } = (await monitor.post('/api/incidents').send(kidalReport()).expect(201)).body;
    const opened = await openSignedIn(browser, tracker, `${baseUrl}/?incident=${id}`, { locale: 'fr-FR', role: 'monitor' });
    const { page, errors } = opened;
    try {
      await page.locator('.evidence').getByText('Aucun fichier joint.').waitFor();
      const form = page.locator('form.evidence-attach');
      await form.locator('input[type="file"]').setInputFiles({ name: 'vehicule.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps() });
      await form.locator('input[name="caption"]').fill('Véhicule incendié devant le gouvernorat');
      await form.getByRole('button', { name: 'Joindre' }).click();

      // The panel reads the incident again at the attachment's position: the thumbnail is drawn.
      await page.waitForFunction(() => {
        const image = document.querySelector<HTMLImageElement>('.evidence img.evidence-thumbnail');
        return !!image && image.complete && image.naturalWidth > 0;
      });
      const image = page.locator('.evidence img.evidence-thumbnail');
      expect(await image.getAttribute('alt')).toBe('Photo : Véhicule incendié devant le gouvernorat');
      const evidenceId = await image.getAttribute('data-evidence-id');
      await page.locator(`.history li[data-evidence-id="${evidenceId}"]`).getByText(/monitor-1 a joint un fichier \(image\/jpeg, \d+\s?ko\)/).waitFor();
      expect(errors).toEqual([]);
      await screenshot(page, 'evidence-thumbnail');
    } finally {
      await opened.close();
    }
  });
});
