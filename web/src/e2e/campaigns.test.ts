/**
 * Browser test of the campaigns screen (issue 10): the list read from the API with its state
 * filter, a draft edited and saved (its old preflight no longer shown as current), and the
 * composer's worst case over the recipients' first names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLabelled, shot, skip, startE2eSuite } from './e2e-kit.ts';

const e2e = startE2eSuite({ listSize: 60, ownContacts: 80 });
const { apiAs, workspaceId, newPage, signIn } = e2e;

test('campaigns: list with states, a draft edited and persisted, worst case of {firstName}', {
  skip,
}, async () => {
  const ws = await workspaceId('Meubles Dupont');
  const api = await apiAs(e2e.marketer);
  const created = await api('POST', `/api/workspaces/${ws}/campaigns`, {
    name: 'Portes ouvertes',
    sender: 'MEUBLES',
    text: 'Meubles Dupont : portes ouvertes ! STOP au 36180',
    audiences: ['Île-de-France'],
  });
  const page = await newPage();
  await signIn(page);

  // The list comes from the API (a fresh browser has nothing stored), with the state label.
  await page.getByRole('link', { name: 'Campagnes' }).click();
  const row = page.locator(`[data-testid=campaign-list] tr[data-campaign=${created.id}]`);
  await row.waitFor();
  assert.equal(await row.locator('[data-state=draft]').textContent(), 'brouillon');
  // When sending may start, beside when it was scheduled (not yet: —).
  assert.match(
    (await row.locator('[data-key=start]').textContent()) ?? '',
    /^\d{4}-\d\d-\d\d \d\d:\d\d$/,
  );
  await page.getByLabel('État', { exact: true }).selectOption('scheduled');
  await row.waitFor({ state: 'detached' });
  await page.getByLabel('État', { exact: true }).selectOption('draft');
  await row.waitFor();
  await shot(page, 'campaigns-list');
  // On a phone the table scrolls inside itself; the page stays as wide as the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= 390),
    'the page is no wider than the phone',
  );
  await page.setViewportSize({ width: 1200, height: 900 });
  await row.getByRole('link', { name: 'Portes ouvertes' }).click();
  await page.locator('[data-testid=campaign-state][data-state=draft]').waitFor();

  // A preflight, then an edit: the preflight is no longer shown as the current one.
  await page.getByRole('button', { name: 'Contrôle avant envoi' }).click();
  await page.getByTestId('preflight-verdict').waitFor();
  await page.getByRole('button', { name: 'Modifier', exact: true }).click();
  const form = page.locator('form', { hasText: 'Modifier le brouillon' });
  await form.getByLabel('Nom de la campagne').fill('Portes ouvertes samedi');
  const text = form.getByLabel('Texte du message');
  const worst = form.getByTestId('worst-case');
  await text.fill('Bonjour {firstName|client}, portes ouvertes ! STOP au 36180');
  await worst.waitFor();
  const short = await api('POST', `/api/workspaces/${ws}/messages/worst-case`, {
    text: 'Bonjour {firstName|client}, portes ouvertes ! STOP au 36180',
    audiences: ['Île-de-France'],
    licences: [],
  });
  await page.waitForFunction(
    (units) =>
      document.querySelector('[data-testid=worst-case]')?.getAttribute('data-units') ===
      String(units),
    short.units,
  );
  assert.match((await worst.textContent()) ?? '', /Pire cas avec les valeurs de l’audience/);
  const value = short.values[0];
  assert.ok(value?.value, 'the audience has first names');
  assert.match(
    (await form.getByTestId('worst-case-cause').textContent()) ?? '',
    new RegExp(value.value),
  );
  // A longer text: the worst case follows, 300 ms after typing stops.
  const longer = 'Bonjour {firstName|client}, portes ouvertes samedi et dimanche ! STOP au 36180';
  await text.fill(longer);
  const long = await api('POST', `/api/workspaces/${ws}/messages/worst-case`, {
    text: longer,
    audiences: ['Île-de-France'],
  });
  assert.ok(long.units > short.units);
  await page.waitForFunction(
    (units) =>
      document.querySelector('[data-testid=worst-case]')?.getAttribute('data-units') ===
      String(units),
    long.units,
  );
  await shot(page, 'campaign-edit-worst-case');
  await assertLabelled(page, 'campaign edit');
  await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.getByTestId('campaign-saved').waitFor();
  await page.getByRole('heading', { name: /Portes ouvertes samedi/ }).waitFor();
  assert.equal(await page.getByTestId('preflight').count(), 0, 'the old preflight is gone');

  // Persisted: the API and a reloaded page say the same.
  const shown = await api('GET', `/api/workspaces/${ws}/campaigns/${created.id}`);
  assert.equal(shown.name, 'Portes ouvertes samedi');
  assert.match(shown.text, /\{firstName\|client\}, portes ouvertes samedi et dimanche/);
  await page.reload();
  await page.getByRole('heading', { name: /Portes ouvertes samedi/ }).waitFor();
  assert.match((await page.locator('blockquote').textContent()) ?? '', /samedi et dimanche/);

  // The free composer, no audience: the worst case reads every contact of the workspace.
  await page.getByRole('link', { name: 'Composer', exact: true }).click();
  await page.getByLabel('Texte du message').fill('Bonjour {firstName} ! STOP au 36180');
  await page.getByTestId('worst-case').filter({ hasText: 'valeurs de vos contacts' }).waitFor();
  await page.context().close();
});
