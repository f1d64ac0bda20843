/**
 * Issue 10 breakdown map and best slots, in the browser: the audience screen colours the demo
 * contacts' départements on a lazily loaded map that the keyboard can read, and the campaign's
 * window calendar draws the best slots the API returns (no constant left in the browser).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { measureInitialBundle } from '../../report-bundle-size.ts';
import { emptyColour } from '../audience/colour-scale.ts';
import { shot, shots, skip, startE2eSuite } from './e2e-kit.ts';

const e2e = startE2eSuite({ listSize: 100, ownContacts: 150 });

test('the map is a chunk of its own, not in the initial bundle', () => {
  const chunks = readdirSync(join(e2e.dist, 'assets')).filter((f) =>
    f.startsWith('department-map'),
  );
  assert.equal(chunks.length, 1, readdirSync(join(e2e.dist, 'assets')).join(', '));
  const initial = measureInitialBundle(e2e.dist).files.map((f) => f.path);
  assert.ok(!initial.some((p) => p.includes('department-map')), initial.join(', '));
});

test('audience map: demo départements coloured, a département read with the keyboard', {
  skip,
}, async () => {
  const page = await e2e.newPage();
  await e2e.signIn(page);
  const counted = page.waitForResponse((r) => r.url().endsWith('/audiences/count'));
  await page.getByRole('link', { name: 'Audiences' }).click();
  const answer = (await (await counted).json()) as {
    breakdown: { department: Record<string, number> };
  };
  const departments = answer.breakdown.department;
  assert.ok((departments['75'] ?? 0) > 0, JSON.stringify(departments));

  const map = page.getByTestId('department-map');
  await map.locator('path[data-code="75"]').waitFor();
  // Every drawn département shows the API's count: coloured when it has contacts, grey otherwise.
  const drawn = await map
    .locator('path[data-code]')
    .evaluateAll((paths) =>
      paths.map(
        (p) =>
          [
            p.getAttribute('data-code'),
            Number(p.getAttribute('data-count')),
            p.getAttribute('fill'),
          ] as const,
      ),
    );
  assert.equal(drawn.length, 101);
  for (const [code, count, fill] of drawn) {
    assert.equal(count, departments[code as string] ?? 0, `count of ${code}`);
    assert.equal(fill === emptyColour, count === 0, `colour of ${code} (${count})`);
  }
  assert.ok(
    drawn.filter(([, count]) => count > 0).length >= 20,
    'the demo spans many départements',
  );
  assert.ok((await map.getByTestId('map-legend-class').count()) >= 2, 'legend');

  // The mouse reads the enlarged Paris ring too: hovering Hauts-de-Seine shows its count.
  await map.scrollIntoViewIfNeeded();
  await map.locator('path[data-zoom-code="92"]').hover();
  assert.match(
    (await map.getByTestId('map-tooltip').textContent()) ?? '',
    new RegExp(`Hauts-de-Seine \\(92\\)${departments['92'] ?? 0}`),
  );
  const box = await map.boundingBox();
  if (box) await page.screenshot({ path: join(shots, '30-audience-map-hover.png'), clip: box });
  await page.mouse.move(0, 0);

  // One tab stop into the map, then "7" "5" reaches Paris; its label and tooltip say the count.
  let inMap = false;
  for (let i = 0; i < 60 && !inMap; i++) {
    await page.keyboard.press('Tab');
    inMap = await page.evaluate(() => document.activeElement?.hasAttribute('data-code') ?? false);
  }
  assert.ok(inMap, 'Tab reaches the map');
  await page.keyboard.type('75');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  const paris = departments['75'] as number;
  assert.match(
    (await focused()) ?? '',
    new RegExp(`^Paris \\(75\\) : ${paris} contacts, [\\d,]+\\s%`),
  );
  const tip = map.getByTestId('map-tooltip');
  assert.match((await tip.textContent()) ?? '', new RegExp(`Paris \\(75\\)${paris}`));
  await shot(page, '30-audience-map-paris');
  await page.keyboard.press('ArrowRight');
  assert.match((await focused()) ?? '', /^Seine-Maritime \(76\)/);
  await page.keyboard.press('End');
  assert.match((await focused()) ?? '', /^Mayotte \(976\) : 0 contacts/);
  // The bars keep the same figures as the accessible alternative.
  await page.getByRole('img', { name: /Répartition par département/ }).waitFor();
});

test('window calendar: the best slots drawn are the ones the API returns', { skip }, async () => {
  const ws = await e2e.workspaceId('Meubles Dupont');
  const api = await e2e.apiAs(e2e.marketer);
  const start = new Date(Date.now() + 24 * 3600_000).toISOString();
  const created = await api('POST', `/api/workspaces/${ws}/campaigns`, {
    name: 'Créneaux',
    sender: 'MEUBLES',
    text: 'Meubles Dupont : portes ouvertes demain ! STOP au 36180',
    audiences: ['Île-de-France'],
    start,
  });
  const page = await e2e.newPage();
  await e2e.signIn(page);
  await page.goto(`${e2e.url}/#/w/${ws}/campaigns/${created.id}`);
  const figure = page.locator('[data-testid=window-calendar] figure[data-territory=FR]');
  await figure.waitFor();
  const from = start.slice(0, 10);
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const calendar = await api(
    'GET',
    `/api/workspaces/${ws}/windows/calendar?territory=FR&from=${from}&to=${to}`,
  );
  const expected = (
    calendar.territories[0].days as Array<{
      bestSlots: Array<{ localStart: string; localEnd: string }>;
    }>
  ).map((d) => d.bestSlots.map((s) => `${s.localStart.slice(11, 16)}-${s.localEnd.slice(11, 16)}`));
  const drawn = await figure
    .locator('svg > g')
    .evaluateAll((days) =>
      days.map((g) =>
        [...g.querySelectorAll('rect[data-kind=best]')].map((r) => r.getAttribute('data-local')),
      ),
    );
  assert.deepEqual(drawn, expected);
  assert.ok(expected.flat().includes('11:00-12:30'), JSON.stringify(expected));
  // Each row names its weekday, so the closed Sunday row explains itself.
  const labels = await figure.locator('svg > g > text').allTextContents();
  assert.equal(labels.length, 7);
  assert.ok(
    labels.some((l) => l.startsWith('dim.')),
    labels.join(' | '),
  );
  await page.getByTestId('window-calendar').screenshot({ path: join(e2e.tmp, 'calendar.png') });
  await shot(page, '31-window-calendar-best-slots');
});
