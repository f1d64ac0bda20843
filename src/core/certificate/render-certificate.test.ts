import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWindowSource } from '../plan/create-window-source.ts';
import { planCampaign } from '../plan/plan-campaign.ts';
import type { PreflightRecipient } from '../preflight/preflight-recipient.ts';
import { runPreflight } from '../preflight/run-preflight.ts';
import { digestRecipients } from './digest-recipients.ts';
import { renderCertificate } from './render-certificate.ts';

const now = new Date('2026-12-01T09:00:00Z');
const recipients: PreflightRecipient[] = [
  {
    id: 1,
    phone: '+33612345678',
    consentStatus: 'granted',
    consentValidUntil: null,
    suppressed: false,
  },
  {
    id: 2,
    phone: '+262692123456',
    consentStatus: 'granted',
    consentValidUntil: null,
    suppressed: false,
  },
  {
    id: 3,
    phone: '+33612345679',
    consentStatus: 'none',
    consentValidUntil: null,
    suppressed: false,
  },
  {
    id: 4,
    phone: '+33612345670',
    consentStatus: 'granted',
    consentValidUntil: null,
    suppressed: true,
  },
];
const campaign = {
  id: 'cmp_42',
  name: 'Soldes <d’hiver> & "Noël"',
  workspace: 'Dupont Meubles',
  sender: 'DUPONT',
  text: 'Dupont: -20% ce samedi ! STOP au 36180',
  purpose: 'promotional',
  sector: 'retail',
  policy: 'brief',
  schedule: { start: '2026-12-07T08:00:00+01:00', slots: 'asap' },
  tps: 10,
} as const;

function render() {
  const { report, eligible } = runPreflight({
    campaign: { ...campaign },
    recipients,
    now,
    stopCode: '36180',
  });
  const plan = planCampaign({
    eligible,
    schedule: campaign.schedule,
    tps: campaign.tps,
    windows: createWindowSource(),
  });
  const digest = digestRecipients(eligible.e164);
  const html = renderCertificate({
    campaign,
    report,
    plan: plan.summary,
    digest,
    consentBases: { consent: 1, soft_opt_in: 1 },
    checkedAt: now,
    sending: null,
    generatedAt: now,
  });
  return { html, digest, report, plan: plan.summary };
}

test('the digest is SHA-256 over the sorted, deduplicated E.164 numbers', () => {
  const a = digestRecipients(['+33612345678', '+262692123456']);
  assert.equal(a, digestRecipients(['+262692123456', '+33612345678', '+33612345678']));
  assert.match(a, /^[0-9a-f]{64}$/);
  // printf '+262692123456\n+33612345678' | sha256sum
  assert.equal(a, '065462f49e16b59d53987ce85fb8e9e6fef6fe788824c23a97342cef3179e656');
  assert.notEqual(a, digestRecipients(['+33612345678']));
});

test('the certificate holds the counts, the digest, the plan and the rule sources', () => {
  const { html, digest } = render();
  assert.ok(html.includes(digest));
  for (const fragment of [
    '<td>Total</td><td>4</td>',
    '<td>Éligibles</td><td>2</td>',
    '<td>Exclus — Sans consentement valable</td><td>1</td>',
    '<td>Exclus — Désinscrit (STOP, opposition)</td><td>1</td>',
    '<td>Messages planifiés</td><td>2</td>',
    'Établi le 1 décembre 2026 à 10:00 (heure de Paris ; 2026-12-01T09:00:00.000Z)',
    'FR-CONS-01',
    'L34-5',
    'soft_opt_in',
    'STOP',
    '2026-12-07',
    'Soldes &lt;d’hiver&gt; &amp; &quot;Noël&quot;',
  ]) {
    assert.ok(html.includes(fragment), fragment);
  }
  assert.match(html, /Exposition évitée[^<]*2\s000,00\s€/);
});

test('the certificate is standalone, printable, well-formed HTML', () => {
  const { html } = render();
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.match(html, /<html lang="fr">/);
  assert.match(html, /<meta charset="utf-8">/);
  assert.match(html, /@media print/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|url\(|https?:\/\//i, 'no external asset');
  // Every opened element is closed in order (void elements aside).
  const voids = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/g)) {
    const [, closing, name] = m as unknown as [string, string, string];
    if (voids.has(name)) continue;
    if (closing) assert.equal(stack.pop(), name, `closing </${name}>`);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
});

test('a refused campaign says so', () => {
  const { report } = runPreflight({
    campaign: { ...campaign, text: 'Soldes sans mention' },
    recipients,
    now,
  });
  const html = renderCertificate({
    campaign,
    report,
    plan: null,
    digest: digestRecipients([]),
    checkedAt: now,
    sending: null,
    generatedAt: now,
  });
  assert.match(html, /Non conforme/);
  assert.match(html, /Pas de plan calculé/);
  assert.match(html, /<td>FR-MSG-02<\/td><td>loi<\/td><td>bloquant<\/td>/);
});

test('a sent campaign is certified on its scheduling checks, with what its messages became', () => {
  const { report, plan } = render();
  const scheduled = new Date('2026-11-28T16:30:00Z');
  const html = renderCertificate({
    campaign,
    report,
    plan,
    digest: digestRecipients([]),
    checkedAt: scheduled,
    sending: { delivered: 180, undeliverable: 12, cancelled: 8, planned: 0 },
    generatedAt: now,
  });
  assert.ok(
    html.includes(
      'Contrôles effectués à la programmation de la campagne, le 28 novembre 2026 à 17:30',
    ),
  );
  for (const fragment of [
    '<td>Délivrés</td><td>180</td>',
    '<td>Non délivrables</td><td>12</td>',
    '<td>Annulés (STOP reçu, campagne annulée)</td><td>8</td>',
    'Messages de la campagne à l’établissement de ce certificat : 200.',
  ]) {
    assert.ok(html.includes(fragment), fragment);
  }
  assert.doesNotMatch(html, /Planifiés, pas encore partis/, 'no empty line');
  // Instants read in Paris time, not as UTC ISO strings.
  assert.doesNotMatch(html, /<td>Premier envoi<\/td><td>\d{4}-/);
});
