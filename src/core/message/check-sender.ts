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
  const upper = sender.toUpperCase();
  const stem = upper.replace(/\d+$/, '');
  const denied = toSet(denylist);
  if (denied.has(upper) || denied.has(stem)) {
    return refuse(
      'alphanumeric',
      'FR-SND-03',
      `sender "${sender}" is a generic name that operators block or rewrite; use your brand name`,
    );
  }
  return { valid: true, kind: 'alphanumeric', violations: [] };
}

function checkNumber(sender: string, compact: string, purpose: MessagePurpose): SenderCheck {
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
                `short code ${sender} is a 38xxx code, meant for transactional messages; promotional campaigns use a 36xxx code`,
              ),
            ]
          : [];
      return { valid: true, kind: 'short-code', violations };
    }
    return refuse(
      'short-code',
      'FR-SND-02',
      `short code ${sender} is not allowed as sender: use a 36xxx code (promotional) or 38xxx (transactional)`,
    );
  }
  const digits = compact.replace(/^(?:\+|00)/, '');
  const international = compact !== digits || !compact.startsWith('0');
  if ((international ? frenchMobile : /^0[67]/).test(digits)) {
    return refuse(
      'number',
      'FR-SND-01',
      `sender "${sender}" is a mobile number (06/07, including overseas): automated SMS may not show a mobile number as sender`,
    );
  }
  return refuse(
    'number',
    'FR-SND-02',
    `sender "${sender}" is made only of digits: use a name of 1 to 11 letters and digits, or a 5-digit 36xxx short code`,
  );
}

function describeBadOadc(sender: string): string {
  if (sender.trim() === '') return 'the sender is empty: use a name of 1 to 11 letters and digits';
  const bad = [...sender].find((c) => !/[A-Za-z0-9]/.test(c));
  if (bad !== undefined) {
    const shown = bad === ' ' ? 'a space' : `"${bad}"`;
    return `sender "${sender}" contains ${shown}: only unaccented letters A–Z and digits are allowed, no spaces or punctuation`;
  }
  if (sender.length > 11) {
    return `sender "${sender}" has ${sender.length} characters: at most 11 are allowed`;
  }
  return `sender "${sender}" needs at least one letter`;
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
