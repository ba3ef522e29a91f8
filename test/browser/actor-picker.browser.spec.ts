/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { TestTracker } from '../tracker.js';
import { mapReady, openServedBrowser, pagesClosedAfterEachTest, screenshot } from './harness.js';

/** Issue 19, "Actors in the form": monitors name actors by their names, never by typed ids. */
describe('The actor picker in a browser', () => {
  let browser: Browser;
  let tracker: TestTracker;
  let baseUrl: string;

  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ tracker, baseUrl, browser, close } = await openServedBrowser({ demoData: true }));
  }, 120_000);
  afterAll(() => close());
  const open = pagesClosedAfterEachTest(() => ({ browser, tracker, baseUrl }));

  const options = (page: Awaited<ReturnType<typeof open>>['page']) =>
    page.locator('.actor-picker-list:visible li[role="option"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-actor-id'), e.textContent]));

  it('finds an actor by part of its French name, without accents or case, with its kind; the report names it', async () => {
    const { page, errors } = await open('/?lat=18&lon=-1&z=6', { role: 'monitor', locale: 'fr-FR' });
    await page.click('#report');
    const form = page.locator('.report-form');
    await form.locator('button[data-i18n="form.addActor"]').click();
    const actor = form.locator('[name="actors[0].actorId"]');
    await expect(actor.evaluate((e) => e.closest('.field')!.querySelector('label')!.textContent)).resolves.toBe('Acteur');

    // Folded as the server folds names: no accent, any case.
    await actor.pressSequentially('LIBERATION DE L');
    const shown = await options(page);
    // "Unidentified armed group" is always offered first, in the reader's language.
    expect(shown[0]).toEqual(['unidentified-armed-group', expect.stringContaining('Groupe armé non identifié')]);
    const mnla = shown.find(([id]) => id === 'mnla');
    expect(mnla?.[1]).toContain('Mouvement national pour la libération de l');
    expect(mnla?.[1]).toContain('Groupe rebelle');
    // A monitor may not register actors: no such choice.
    expect(await page.locator('.actor-picker-list:visible li.register').count()).toBe(0);
    await screenshot(page, 'actor-picker');
    await page.click('.actor-picker-list li[data-actor-id="mnla"]');
    expect(await actor.inputValue()).toBe("Mouvement national pour la libération de l'Azawad");

    // The rest of the report.
    await form.locator('[name="location.lat"]').fill('18.44');
    await form.locator('[name="location.lon"]').fill('1.41');
    await form.locator('[name="location.place"]').fill('Kidal');
    await form.locator('[name="location.admin1"]').fill('Kidal');
    await form.locator('[name="type"]').selectOption('battles');
    await form.locator('[name="subType"]').selectOption('armed_clash');
    await form.locator('[name="description"]').fill('Accrochage au nord de la ville, rapporté par un commerçant.');
    await form.locator('input[name="targets"][value="armed_groups"]').check();
    await form.locator('button[data-i18n="form.addSource"]').click();
    await form.locator('[name="sources[0].reference"]').fill('Appel d’un commerçant');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/incident=/);
    const named = page.locator('.incident-details [data-actor-id="mnla"]');
    await expect(named.textContent()).resolves.toMatch(/^Mouvement national pour la libération de l'Azawad — /);

    const id = new URL(page.url()).searchParams.get('incident')!;
    const stored = await fetch(`${baseUrl}/api/incidents/${id}`, { headers: await tracker.as('reviewer') });
    expect(((await stored.json()) as { details: { actors: unknown[] } }).details.actors).toEqual([{ actorId: 'mnla', role: 'perpetrator' }]);
    expect(errors).toEqual([]);
  });

  it('refuses a name no registered actor has, and picks "unidentified armed group" instead', async () => {
    const { page } = await open('/', { role: 'monitor' });
    await page.click('#report');
    const form = page.locator('.report-form');
    await form.locator('button[data-i18n="form.addActor"]').click();
    const actor = form.locator('[name="actors[0].actorId"]');
    await actor.fill('Nobody we know');
    await expect(page.locator('.actor-picker-list:visible li.empty').textContent()).resolves.toBe('No registered actor has this name.');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('[data-error-for="actors[0].actorId"]').textContent()).resolves.toBe('Not a registered actor: choose one from the list.');

    await actor.fill('');
    await page.click('.actor-picker-list li[data-actor-id="unidentified-armed-group"]');
    expect(await actor.inputValue()).toBe('Unidentified armed group');
    expect(await actor.getAttribute('data-actor-id')).toBe('unidentified-armed-group');
  });

  it('lets a reviewer register a new actor from the picker, and picks it', async () => {
    const { page, errors } = await open('/', { role: 'reviewer' });
    await page.click('#report');
    const form = page.locator('.report-form');
    await form.locator('button[data-i18n="form.addActor"]').click();
    const actor = form.locator('[name="actors[0].actorId"]');
    await actor.fill('Ganda Izo');
    await page.click('.actor-picker-list li.register');
    const dialog = page.locator('dialog.register-actor-dialog');
    await expect(dialog.locator('[name="name"]').inputValue()).resolves.toBe('Ganda Izo');
    await dialog.locator('[name="kind"]').selectOption('militia');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await actor.inputValue()).toBe('Ganda Izo');
    expect(await actor.getAttribute('data-actor-id')).toBe('ganda-izo');

    const admin = await tracker.client('admin');
    const { actors } = (await admin.get('/api/actors')).body as { actors: { id: string; kind: string; inter: number; lastChangedBy: string }[] };
    expect(actors.find((a) => a.id === 'ganda-izo')).toMatchObject({ kind: 'militia', inter: 3, lastChangedBy: 'reviewer-1' });
    expect(errors).toEqual([]);
  });

  it('suggests names in the map’s actor filter, several separated by commas', async () => {
    const { page } = await open('/?lat=18&lon=-1&z=5');
    const filter = page.locator('input[name="actor"]');
    await filter.click();
    await filter.pressSequentially('fama, azaw');
    await page.click('#sidebar .actor-picker-list li[data-actor-id="mnla"]');
    expect(await filter.inputValue()).toBe("fama, Mouvement national pour la libération de l'Azawad");
    await page.waitForURL(/actor=fama%2CMouvement/);
    await mapReady(page);
  });
});
