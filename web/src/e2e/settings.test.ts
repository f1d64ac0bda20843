/**
 * The settings screen (issue 10, task S): the owner sets the workspace STOP code and an
 * approved sender in the UI, refusals appear next to their field, the transport is shown
 * without secrets, and the campaign preflight then judges with those settings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLabelled, shot, skip, startE2eSuite } from './e2e-kit.ts';

const e2e = startE2eSuite({ listSize: 50, ownContacts: 30 });
const { apiAs, workspaceId, newPage, signIn } = e2e;

test('settings: STOP code and approved sender set in the UI drive the campaign preflight', {
  skip,
}, async () => {
  const ws = await workspaceId('Meubles Dupont');
  const page = await newPage();
  await signIn(page);
  await page.goto(`${e2e.url}/#/w/${ws}/settings`);
  await page.getByRole('heading', { name: 'Expéditeurs approuvés' }).waitFor();
  await assertLabelled(page, 'settings');
  const transport = page.getByTestId('transport');
  assert.match((await transport.textContent()) ?? '', /simulator/);

  // A malformed STOP code is refused next to its field, then a good one is saved.
  const stop = page.getByLabel('Numéro court STOP de l’espace');
  await stop.fill('12345');
  await page.getByRole('button', { name: 'Enregistrer le numéro STOP' }).click();
  await page
    .locator('.field', { has: stop })
    .getByRole('alert')
    .filter({ hasText: /numéro court à 5 chiffres/ })
    .waitFor();
  assert.equal(await stop.getAttribute('aria-invalid'), 'true');
  await stop.fill('36111');
  await stop.press('Enter'); // the keyboard alone submits
  await page.getByTestId('stop-used').filter({ hasText: '36111' }).waitFor();
  // The demo's draft still says "STOP au 36180": named at once, not found "Bloquée" later.
  await page.getByTestId('stop-mismatch').filter({ hasText: 'Soldes canapés (démo)' }).waitFor();

  // A generic sender is refused with the FR-SND-03 sentence; DUPONT is approved and made default.
  const sender = page.getByLabel('Nouvel expéditeur');
  await sender.fill('PROMO');
  await page.getByRole('button', { name: 'Ajouter l’expéditeur' }).click();
  await page
    .locator('.field', { has: sender })
    .getByRole('alert')
    .filter({ hasText: /noms génériques/ })
    .waitFor();
  await sender.fill('DUPONT');
  await page.getByRole('button', { name: 'Ajouter l’expéditeur' }).click();
  await page.getByRole('button', { name: 'Retirer l’expéditeur DUPONT' }).waitFor();
  // Controlled radio: checked once the server saved it and the settings were read again.
  await page.getByRole('radio', { name: 'DUPONT' }).click();
  await page.getByRole('radio', { name: 'DUPONT', checked: true }).waitFor();
  await shot(page, 'settings-01-senders-stop');

  const api = await apiAs(e2e.marketer);
  const saved = await api('GET', `/api/workspaces/${ws}/settings`);
  assert.deepEqual(
    [saved.senders, saved.defaultSender, saved.stopCode],
    [['DUPONT'], 'DUPONT', '36111'],
  );
  assert.ok(!JSON.stringify(saved).includes('password'));

  // A campaign without a sender takes the default; one with another sender and the old STOP
  // code is blocked by the preflight, shown on the campaign page.
  const base = { name: 'Réglages', audiences: ['Île-de-France'] };
  const byDefault = await api('POST', `/api/workspaces/${ws}/campaigns`, {
    ...base,
    text: 'Meubles Dupont : portes ouvertes ! STOP au 36111',
  });
  assert.equal(byDefault.sender, 'DUPONT');
  const other = await api('POST', `/api/workspaces/${ws}/campaigns`, {
    ...base,
    sender: 'MEUBLES',
    text: 'Meubles Dupont : portes ouvertes ! STOP au 36180',
  });
  await page.goto(`${e2e.url}/#/w/${ws}/campaigns/${other.id}`);
  await page.getByRole('button', { name: 'Contrôle avant envoi', exact: true }).click();
  const findings = page.getByTestId('findings');
  await findings.getByText(/« MEUBLES » n’est pas parmi les expéditeurs approuvés/).waitFor();
  await findings.getByText(/votre numéro STOP est le 36111/).waitFor();
  await shot(page, 'settings-02-preflight-blocked');
  await page.context().close();
});
