import type { Sector } from '../campaign/campaign.ts';
import type { Finding } from './finding.ts';
import { createFinding } from './finding.ts';
import type { ExclusionReason } from './preflight-recipient.ts';

const sentences: Record<
  ExclusionReason,
  [rule: Parameters<typeof createFinding>[0], (n: number, sector: Sector) => string]
> = {
  'invalid-number': [
    'FR-NUM-03',
    (n) => `${n} numéro(s) invalide(s) exclu(s) : ils ne correspondent à aucun numéro attribué.`,
  ],
  'not-mobile': [
    'FR-NUM-03',
    (n) => `${n} numéro(s) fixe(s) ou spéciaux exclu(s) : Texto n’envoie de SMS qu’aux mobiles.`,
  ],
  'no-rule-pack': [
    'FR-NUM-03',
    (n) =>
      `${n} numéro(s) d’un pays sans pack de règles exclu(s) : Texto ne sait pas encore quelles règles y appliquer.`,
  ],
  suppressed: [
    'OPT-01',
    (n) => `${n} destinataire(s) exclu(s) car désinscrit(s) (STOP, signalement ou opposition).`,
  ],
  'no-consent': [
    'FR-CONS-01',
    (n) => `${n} destinataire(s) exclu(s) faute de consentement valable à recevoir vos SMS.`,
  ],
  'lapsed-consent': [
    'FR-CONS-07',
    (n) =>
      `${n} destinataire(s) exclu(s) : consentement vieux de plus de 3 ans sans interaction, à renouveler.`,
  ],
  'rental-already-used': [
    'LIST-05',
    (n) =>
      `${n} contact(s) loué(s) exclu(s) : la location de ce fichier a déjà servi à une autre campagne (usage unique).`,
  ],
  'sector-ban': [
    'FR-MSG-05',
    (n, sector) =>
      `${n} destinataire(s) exclu(s) : la prospection par SMS est interdite dans le secteur « ${sector} » hors contrat en cours.`,
  ],
  duplicate: [
    'TX-DUP-01',
    (n) => `${n} doublon(s) retiré(s) : chaque numéro ne recevra qu’un seul message.`,
  ],
};

/** One warning per exclusion reason that applies: excluded recipients are never silent. */
export function describeExclusions(
  excluded: Readonly<Record<ExclusionReason, number>>,
  sector: Sector,
): Finding[] {
  const findings: Finding[] = [];
  for (const [reason, [rule, sentence]] of Object.entries(sentences) as Array<
    [ExclusionReason, (typeof sentences)[ExclusionReason]]
  >) {
    const n = excluded[reason];
    if (n > 0) findings.push(createFinding(rule, 'warn', n, sentence(n, sector)));
  }
  return findings;
}
