import { describeUnplaceable } from '../plan/describe-unplaceable.ts';
import type { PlanSummary } from '../plan/summarize-plan.ts';
import type { ExclusionReason } from '../preflight/preflight-recipient.ts';
import { ruleCatalogue } from '../preflight/rule-catalogue.ts';
import type { PreflightReport } from '../preflight/run-preflight.ts';
import { escapeHtml as e } from './escape-html.ts';

export interface CertificateInput {
  readonly campaign: {
    readonly id: string;
    readonly name: string;
    readonly workspace: string;
    readonly sender: string;
    readonly text: string;
    readonly purpose: string;
    readonly sector: string;
    readonly policy: string;
    readonly schedule: {
      readonly start: string;
      readonly finishBy?: string | undefined;
      readonly slots: string;
    };
    readonly tps: number;
  };
  readonly report: PreflightReport;
  readonly plan: PlanSummary | null;
  /** digestRecipients() over the eligible recipients' E.164 numbers. */
  readonly digest: string;
  /** Eligible recipients by consent basis (consent, soft_opt_in, b2b…), when known. */
  readonly consentBases?: Readonly<Record<string, number>> | undefined;
  /** When the checks were made: now for a draft, when it was scheduled for the others. */
  readonly checkedAt: Date;
  /** A scheduled campaign's messages by state now (what was sent); null for a draft. */
  readonly sending: Readonly<Record<string, number>> | null;
  readonly generatedAt: Date;
}

const reasonLabels: Record<ExclusionReason, string> = {
  'invalid-number': 'Numéro invalide',
  'not-mobile': 'Numéro non mobile',
  'no-rule-pack': 'Pays sans pack de règles',
  suppressed: 'Désinscrit (STOP, opposition)',
  'no-consent': 'Sans consentement valable',
  'lapsed-consent': 'Consentement caduc (3 ans)',
  'rental-already-used': 'Location déjà utilisée',
  'sector-ban': 'Secteur interdit hors contrat',
  duplicate: 'Doublon',
};

const purposeLabels: Readonly<Record<string, string>> = {
  promotional: 'promotionnelle',
  transactional: 'transactionnelle (fonctionnelle)',
};

const layerLabels: Readonly<Record<string, string>> = {
  law: 'loi',
  charter: 'charte opérateurs',
  policy: 'politique Texto',
  advice: 'conseil',
};

const policyLabels: Readonly<Record<string, string>> = {
  brief: 'brief (08:00–20:00, lundi–samedi, hors fériés)',
  charter: 'charte AF2M (plancher)',
};

/** What became of the messages, in the order a reader follows them. */
const sendingLabels: ReadonlyArray<readonly [string, string]> = [
  ['planned', 'Planifiés, pas encore partis'],
  ['claimed', 'En cours de remise'],
  ['submitting', 'En cours de remise'],
  ['submitted', 'Remis à l’opérateur, accusé attendu'],
  ['delivered', 'Délivrés'],
  ['undeliverable', 'Non délivrables'],
  ['expired', 'Expirés'],
  ['failed', 'En échec'],
  ['unknown', 'Sort inconnu (jamais renvoyés)'],
  ['cancelled', 'Annulés (STOP reçu, campagne annulée)'],
  ['refused', 'Refusés au dernier contrôle avant envoi'],
];

const fr = new Intl.NumberFormat('fr-FR');
const eur = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** The instant as a French reader of the certificate reads it. */
const parisTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/**
 * A self-contained HTML compliance certificate (no external asset, printable): what was
 * checked and against which sources, the counts, the plan, the consent basis and the digest of
 * the recipient set: what a marketer shows an auditor. Pure: the instant is a parameter.
 */
export function renderCertificate(input: CertificateInput): string {
  const { campaign, plan } = input;
  const unplaceable = plan ? describeUnplaceable(plan) : null;
  const report = unplaceable
    ? { ...input.report, findings: [...input.report.findings, unplaceable] }
    : input.report;
  const verdict = report.ok
    ? '<p class="ok">Conforme : aucun point bloquant.</p>'
    : '<p class="ko">Non conforme : au moins un point bloquant, la campagne ne peut pas être programmée.</p>';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Certificat de conformité — ${e(campaign.name)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>Certificat de conformité SMS</h1>
<p>Campagne « ${e(campaign.name)} » (${e(campaign.id)}), espace ${e(campaign.workspace)}.<br>
Établi le ${e(parisTime.format(input.generatedAt))} (heure de Paris ; ${e(input.generatedAt.toISOString())}) par Texto.${
    input.sending
      ? `<br>Contrôles effectués à la programmation de la campagne, le ${e(parisTime.format(input.checkedAt))} (heure de Paris) : c’est sur eux qu’elle a été envoyée.`
      : ''
  }</p>
${verdict}
</header>
<section>
<h2>Campagne</h2>
${table(
  ['Élément', 'Valeur'],
  [
    ['Émetteur', campaign.sender],
    ['Finalité', purposeLabels[campaign.purpose] ?? campaign.purpose],
    ['Secteur', campaign.sector],
    ['Politique d’horaires', policyLabels[campaign.policy] ?? campaign.policy],
    ['Début', parisDate(campaign.schedule.start)],
    ['Date limite', campaign.schedule.finishBy ? parisDate(campaign.schedule.finishBy) : '—'],
    ['Créneaux', campaign.schedule.slots === 'best' ? 'créneaux conseillés' : 'dès que permis'],
    ['Débit maximal', `${campaign.tps} SMS/s`],
  ],
)}
<p>Texte :</p>
<pre>${e(campaign.text)}</pre>
</section>
<section>
<h2>Destinataires</h2>
${table(
  ['Catégorie', 'Nombre'],
  [
    ['Total', fr.format(report.recipients.total)],
    ['Éligibles', fr.format(report.recipients.eligible)],
    ...(Object.entries(report.recipients.excluded) as Array<[ExclusionReason, number]>).map(
      ([reason, n]): [string, string] => [`Exclus — ${reasonLabels[reason]}`, fr.format(n)],
    ),
  ],
)}
<p>Exposition évitée (information) : ${fr.format(report.exposureAvoided.numbers)} numéro(s) sans consentement valable × ${eur.format(report.exposureAvoided.penaltyPerNumberEur)} = ${eur.format(report.exposureAvoided.amountEur)}.</p>
${consentTable(input.consentBases)}
<p>Empreinte de l’ensemble des destinataires éligibles (SHA-256 des numéros E.164 triés, un par ligne) :</p>
<p class="digest"><code>${e(input.digest)}</code></p>
</section>
<section>
<h2>Message</h2>
${table(
  ['Élément', 'Valeur'],
  [
    ['Encodage', report.message.encoding],
    ['SMS par message (pire cas)', String(report.message.parts)],
    ['SMS au total', fr.format(report.message.totalParts)],
    ['Mention STOP', report.message.stop.present ? `oui (${report.message.stop.code})` : 'non'],
    [
      'Émetteur valide',
      report.message.sender.valid ? 'oui' : `non — ${report.message.sender.reason ?? ''}`,
    ],
  ],
)}
</section>
<section>
<h2>Constats</h2>
${
  report.findings.length === 0
    ? '<p>Aucun constat.</p>'
    : table(
        ['Règle', 'Niveau', 'Gravité', 'Nombre', 'Constat'],
        report.findings.map((f) => [
          f.rule,
          layerLabels[f.layer] ?? f.layer,
          f.severity === 'block' ? 'bloquant' : 'avertissement',
          fr.format(f.count),
          f.message,
        ]),
      )
}
</section>
${planSection(plan)}
${sendingSection(input.sending)}
<section>
<h2>Règles vérifiées et sources</h2>
${table(
  ['Règle', 'Niveau', 'Objet', 'Source', 'Résultat'],
  Object.entries(ruleCatalogue).map(([id, rule]) => {
    const hits = report.findings.filter((f) => f.rule === id);
    const result = hits.some((f) => f.severity === 'block')
      ? 'bloquant'
      : hits.length > 0
        ? 'avertissement'
        : 'conforme';
    return [id, layerLabels[rule.layer] ?? rule.layer, rule.title, rule.source, result];
  }),
)}
<p class="note">Ce certificat décrit les contrôles automatiques de Texto au moment indiqué ; il ne constitue pas un avis juridique.</p>
</section>
</body>
</html>
`;
}

function planSection(plan: PlanSummary | null): string {
  if (!plan) return '<section><h2>Plan d’envoi</h2><p>Pas de plan calculé.</p></section>';
  return `<section>
<h2>Plan d’envoi</h2>
${table(
  ['Élément', 'Valeur'],
  [
    ['Premier envoi', plan.start ? parisDate(plan.start) : '—'],
    ['Fin prévue', plan.end ? parisDate(plan.end) : '—'],
    ['Messages planifiés', fr.format(plan.planned)],
    ['Messages non planifiables', fr.format(plan.unplaceable)],
    ['SMS (parts)', fr.format(plan.parts)],
    ['Coût estimé (HT)', eur.format(plan.costEur)],
  ],
)}
<h3>Par jour (${e(plan.dayZone)})</h3>
${table(
  ['Jour', 'Messages'],
  Object.entries(plan.perDay).map(([d, n]) => [d, fr.format(n)]),
)}
<h3>Par créneau (heure locale du destinataire)</h3>
${table(
  ['Créneau', 'Messages'],
  Object.entries(plan.perSlot).map(([s, n]) => [s === 'other' ? 'autre' : s, fr.format(n)]),
)}
<h3>Par territoire</h3>
${table(
  ['Territoire', 'Messages', 'SMS', 'Coût', 'Non planifiables'],
  Object.entries(plan.perTerritory).map(([t, s]) => [
    t,
    fr.format(s.messages),
    fr.format(s.parts),
    eur.format(s.costEur),
    fr.format(s.unplaceable),
  ]),
)}
</section>`;
}

/** An ISO instant as a French reader reads it, in Paris time; the text as it is otherwise. */
function parisDate(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : `${parisTime.format(at)} (heure de Paris)`;
}

function sendingSection(sending: Readonly<Record<string, number>> | null): string {
  if (!sending) return '';
  const rows = new Map<string, number>();
  for (const [state, label] of sendingLabels) {
    const n = sending[state] ?? 0;
    if (n > 0) rows.set(label, (rows.get(label) ?? 0) + n);
  }
  const total = Object.values(sending).reduce((a, b) => a + b, 0);
  return `<section>
<h2>Envoi</h2>
<p>Messages de la campagne à l’établissement de ce certificat : ${fr.format(total)}.</p>
${table(
  ['État', 'Messages'],
  [...rows].map(([label, n]) => [label, fr.format(n)]),
)}
</section>`;
}

function consentTable(bases: Readonly<Record<string, number>> | undefined): string {
  if (!bases || Object.keys(bases).length === 0) return '';
  return `<h3>Base du consentement des destinataires éligibles</h3>
${table(
  ['Base', 'Nombre'],
  Object.entries(bases).map(([b, n]) => [b, fr.format(n)]),
)}`;
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const css = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #333; margin-top: 1.6rem; }
h3 { font-size: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
pre { white-space: pre-wrap; border: 1px solid #999; padding: .5rem; background: #f7f7f7; }
.ok { color: #05620f; font-weight: bold; }
.ko { color: #a00000; font-weight: bold; }
.digest code { word-break: break-all; font-size: .9rem; }
.note { font-size: .8rem; color: #444; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } th { background: #ddd !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
