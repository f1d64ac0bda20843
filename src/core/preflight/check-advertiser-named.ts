import { normaliseLegalName } from '../marketplace/check-partner-naming.ts';
import { createViolation, type Violation } from '../message/violation.ts';

/** Who the workspace is: the names a recipient could recognise it by. */
export interface AdvertiserNames {
  readonly name: string;
  readonly legalName: string | null;
  /** Approved sender names (workspace settings): each one the workspace's own. */
  readonly senders: readonly string[];
}

/** Legal forms and words too generic to identify anyone on their own. */
const notDistinctive = new Set([
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'snc',
  'sci',
  'scop',
  'selarl',
  'gie',
  'ei',
  'eirl',
  'et',
  'cie',
  'les',
  'des',
  'the',
  'groupe',
  'group',
  'societe',
  'france',
  'paris',
  'magasin',
  'magasins',
  'boutique',
  'services',
  'service',
  'agence',
  'shop',
  'store',
]);

/** A name's spellings that identify it: the whole name, and each distinctive word of 4+ letters. */
function spellingsOf(name: string): string[] {
  const words = normaliseLegalName(name).split(' ').filter(Boolean);
  const kept = words.filter((w) => !notDistinctive.has(w));
  const spellings = kept.length > 0 ? [kept.join(' ')] : [];
  for (const w of kept) if (w.length >= 4 && !/^\d+$/.test(w)) spellings.push(w);
  return spellings;
}

/** Whether `text` (normalised) holds `spelling` as whole words. */
function holds(text: string, spelling: string): boolean {
  return ` ${text} `.includes(` ${spelling} `);
}

/**
 * FR-MSG-01 (L34-5 CPCE): a promotional message must not hide whom it is sent for. The sender
 * or the text names the advertiser: its name, its legal name (legal form aside), or one of its
 * approved sender names, ignoring case, accents and punctuation. A short-code sender names no
 * one, so the text must. A warning, not a block: a brand can be spelt in ways no list holds,
 * and the marketer knows better; rules.md gives no test beyond "must identify".
 */
export function checkAdvertiserNamed(
  sender: string,
  text: string,
  advertiser: AdvertiserNames,
): Violation | null {
  const names = [advertiser.name, advertiser.legalName ?? '', ...advertiser.senders];
  const spellings = names.flatMap(spellingsOf);
  if (spellings.length === 0) return null;
  const body = normaliseLegalName(text);
  if (spellings.some((s) => holds(body, s))) return null;
  const shortCode = /^\d+$/.test(sender);
  const from = normaliseLegalName(sender);
  const compact = from.replaceAll(' ', '');
  // An alphanumeric sender names the advertiser when it spells one of its names, or starts one
  // cut to the 11 characters a sender allows ("MEUBLESDUPO").
  const senderNames =
    !shortCode &&
    compact.length >= 3 &&
    (spellings.some((s) => holds(from, s)) ||
      names.some((n) => {
        const whole = normaliseLegalName(n).replaceAll(' ', '');
        return whole === compact || (compact.length >= 5 && whole.startsWith(compact));
      }));
  if (senderNames) return null;
  const who = advertiser.legalName ?? advertiser.name;
  const why = shortCode
    ? `l’émetteur est un numéro court (${sender}), donc le texte doit nommer l’annonceur, or il ne nomme pas « ${who} »`
    : `ni l’émetteur « ${sender} » ni le texte ne nomment l’annonceur (« ${who} »)`;
  return createViolation(
    'FR-MSG-01',
    'law',
    'warn',
    `Annonceur non identifié : ${why}. La loi interdit de dissimuler pour le compte de qui le message est envoyé ; nommez la marque dans le texte ou choisissez un émetteur à son nom.`,
  );
}
