import { defaultSenderDenylist } from './default-sender-denylist.ts';
import type { MessagePurpose } from './message-purpose.ts';
import { createViolation, type Violation } from './violation.ts';

export type SenderKind = 'alphanumeric' | 'short-code' | 'number' | 'invalid';

export interface SenderCheck {
  readonly valid: boolean;
  readonly kind: SenderKind;
  /** Why the sender is refused (absent when valid). */
  readonly reason?: string;
  /** Blocking violations when refused; a warning for 38xxx on promotional traffic. */
  readonly violations: readonly Violation[];
}

const oadc = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const digitsOnly = /^(?:\+|00)?\d+$/;
const separators = /[\s.\-/()]/g;
/** French mobiles, metropolitan and overseas (+262 Réunion/Mayotte, +590, +594, +596). */
const frenchMobile = /^(?:0|(?:33|262|590|594|596)0?)[67]/;
/** FR-SND-01's check `^(\+33|0)[67]`, on a name: "06PIZZA" reads as the start of a mobile. */
const mobileStart = /^0[67]/;
/** How a character that cannot be seen is named in a message. */
const invisible: Record<string, string> = {
  ' ': 'une espace',
  '\t': 'une tabulation',
  '\u00a0': 'une espace insécable',
  '\u202f': 'une espace fine insécable',
};

/**
 * Sender (OADC) rules of rules.md §3: FR-SND-01 (no 06/07 mobile numbers, metropolitan or
 * overseas), FR-SND-02 (1–11 letters and digits with at least one letter, or a 5-digit short
 * code: 36xxx for promotional, 38xxx warned for promotional) and FR-SND-03 (generic senders).
 */
export function checkSender(
  sender: string,
  purpose: MessagePurpose,
  denylist: readonly string[] = defaultSenderDenylist,
): SenderCheck {
  const compact = sender.replace(separators, '');
  if (compact !== '' && digitsOnly.test(compact)) return checkNumber(sender, compact, purpose);
  if (!oadc.test(sender)) return refuse('invalid', 'FR-SND-02', describeBadOadc(sender));
  if (mobileStart.test(sender)) {
    return refuse(
      'alphanumeric',
      'FR-SND-01',
      `l'expéditeur « ${sender} » commence comme un numéro de mobile (06/07) : un SMS automatisé ne peut pas se présenter sous un numéro de mobile ; commencez par une lettre`,
    );
  }
  const upper = sender.toUpperCase();
  const stem = upper.replace(/\d+$/, '');
  const denied = toSet(denylist);
  if (denied.has(upper) || denied.has(stem)) {
    return refuse(
      'alphanumeric',
      'FR-SND-03',
      `l'expéditeur « ${sender} » est sur la liste des expéditeurs refusés (noms génériques que les opérateurs bloquent ou réécrivent, marques d'autrui) : utilisez le nom de votre marque`,
    );
  }
  return { valid: true, kind: 'alphanumeric', violations: [] };
}

function checkNumber(sender: string, compact: string, purpose: MessagePurpose): SenderCheck {
  if (/^3\d{4}$/.test(compact) && compact !== sender) {
    return refuse(
      'short-code',
      'FR-SND-02',
      `le numéro court « ${sender} » s'écrit en 5 chiffres sans espace ni séparateur : « ${compact} »`,
    );
  }
  if (/^\d{5}$/.test(sender) && sender.startsWith('3')) {
    if (sender.startsWith('36')) return { valid: true, kind: 'short-code', violations: [] };
    if (sender.startsWith('38')) {
      const violations =
        purpose === 'promotional'
          ? [
              createViolation(
                'FR-SND-02',
                'charter',
                'warn',
                `le numéro court ${sender} est un 38xxx, réservé aux messages transactionnels : une campagne promotionnelle utilise un 36xxx`,
              ),
            ]
          : [];
      return { valid: true, kind: 'short-code', violations };
    }
    return refuse(
      'short-code',
      'FR-SND-02',
      `le numéro court ${sender} n'est pas autorisé comme expéditeur : utilisez un 36xxx (promotionnel) ou un 38xxx (transactionnel)`,
    );
  }
  const digits = compact.replace(/^(?:\+|00)/, '');
  const international = compact !== digits || !compact.startsWith('0');
  if ((international ? frenchMobile : /^0[67]/).test(digits)) {
    return refuse(
      'number',
      'FR-SND-01',
      `l'expéditeur « ${sender} » est un numéro de mobile (06/07, outre-mer compris) : un SMS automatisé ne peut pas afficher un numéro de mobile comme expéditeur`,
    );
  }
  return refuse(
    'number',
    'FR-SND-02',
    `l'expéditeur « ${sender} » ne contient que des chiffres : utilisez un nom de 1 à 11 lettres et chiffres, ou un numéro court 36xxx à 5 chiffres`,
  );
}

function describeBadOadc(sender: string): string {
  if (sender.trim() === '')
    return "l'expéditeur est vide : utilisez un nom de 1 à 11 lettres et chiffres";
  const bad = [...sender].find((c) => !/[A-Za-z0-9]/.test(c));
  if (bad !== undefined) {
    const shown = invisible[bad] ?? `« ${bad} »`;
    return `l'expéditeur « ${sender} » contient ${shown} : seuls les lettres sans accent A–Z et les chiffres sont permis, sans espace ni ponctuation`;
  }
  if (sender.length > 11) {
    return `l'expéditeur « ${sender} » compte ${sender.length} caractères : 11 au plus sont permis`;
  }
  return `l'expéditeur « ${sender} » doit contenir au moins une lettre`;
}

function refuse(kind: SenderKind, rule: string, reason: string): SenderCheck {
  const layer = rule === 'FR-SND-01' ? 'law' : 'charter';
  return {
    valid: false,
    kind,
    reason,
    violations: [createViolation(rule, layer, 'block', reason)],
  };
}

const sets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The deny list as a set, built once per list (a campaign checks many messages). */
function toSet(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (set === undefined) {
    set = new Set(list);
    sets.set(list, set);
  }
  return set;
}
