import { DomainError } from '../domain-error.ts';
import { appendStop } from './append-stop.ts';
import { checkSender, type SenderKind } from './check-sender.ts';
import { checkStop } from './check-stop.ts';
import { detectStop } from './detect-stop.ts';
import { measureText, type TextMeasure } from './measure-text.ts';
import type { MessagePurpose } from './message-purpose.ts';
import { type Replacement, transliterate } from './transliterate.ts';
import { validateText } from './validate-text.ts';
import { createViolation, type Violation } from './violation.ts';

/** Beyond this many parts a text is refused as bad input (no gateway concatenates more). */
export const maxPartsAccepted = 10;

export interface MessageCheckOptions {
  readonly sender?: string | undefined;
  readonly purpose: MessagePurpose;
  /** The provider's STOP short code (option or configuration), if known. */
  readonly stopCode?: string | undefined;
  /** Policy: the most parts a message may use (FR-MSG-04; the brief's 160 characters = 1). */
  readonly maxParts: number;
  readonly transliterate?: boolean;
  readonly appendStop?: boolean;
  readonly senderDenylist?: readonly string[] | undefined;
}

export interface MessageCheck extends TextMeasure {
  /** The final text: after transliteration and the appended STOP mention. */
  readonly text: string;
  readonly stop: { readonly present: boolean; readonly code: string | null };
  /** null when no sender was given. */
  readonly sender: {
    readonly valid: boolean;
    readonly kind: SenderKind;
    readonly reason?: string;
  } | null;
  readonly violations: readonly Violation[];
  /** No blocking violation. */
  readonly ok: boolean;
  /** Present when transliteration was asked: whether it changed the text, and the text before. */
  readonly transliterated?: boolean;
  readonly before?: TextMeasure & { readonly text: string };
  readonly replacements?: readonly Replacement[];
  /** Present when --append-stop was asked: false when the mention was already there. */
  readonly appendedStop?: boolean;
}

/**
 * The message composer's full check: bad input throws DomainError('invalid_input') (empty text,
 * lone surrogate, control character, more than 10 parts, --append-stop without a code);
 * everything else is a value with violations (FR-MSG-02, FR-MSG-04, FR-SND-01..03).
 */
export function checkMessage(original: string, options: MessageCheckOptions): MessageCheck {
  const first = measureText(original);
  validateText(original, 'le texte', first);
  let text = original;
  let extra: Partial<MessageCheck> | undefined;
  if (options.transliterate) {
    const result = transliterate(original);
    text = result.text;
    extra = {
      transliterated: result.replacements.length > 0,
      before: { text: original, ...first },
      replacements: result.replacements,
    };
  }
  if (options.appendStop) {
    if (options.stopCode === undefined) {
      throw new DomainError(
        'invalid_input',
        "ajouter la mention STOP demande un numéro STOP : renseignez-le dans les réglages de l'espace de travail",
      );
    }
    const appended = appendStop(text, options.stopCode);
    text = appended.text;
    extra = { ...extra, appendedStop: appended.appended };
  }
  let measure = first;
  if (text !== original) {
    measure = measureText(text);
    validateText(text, 'le texte translittéré', measure);
  }
  if (measure.parts > maxPartsAccepted) {
    throw new DomainError(
      'invalid_input',
      `le texte demande ${measure.parts} SMS (${measure.units} ${unitName(measure)}) ; ${maxPartsAccepted} au plus sont acceptés`,
      { parts: measure.parts, units: measure.units, encoding: measure.encoding },
    );
  }
  const stop = detectStop(text);
  // Transliteration is advised only where it would bring the text back to GSM-7 (emoji have
  // no GSM-7 form) and has not been applied already.
  const transliterated =
    measure.encoding === 'UCS-2' && !options.transliterate
      ? measureText(transliterate(text).text)
      : null;
  const violations = checkLength(text, measure, options.maxParts, transliterated ?? measure);
  for (const v of checkStop(stop, options.purpose, options.stopCode, options.sender)) {
    violations.push(v);
  }
  let sender: MessageCheck['sender'] = null;
  if (options.sender !== undefined) {
    const s = checkSender(options.sender, options.purpose, options.senderDenylist);
    sender =
      s.reason === undefined
        ? { valid: s.valid, kind: s.kind }
        : { valid: s.valid, kind: s.kind, reason: s.reason };
    for (const v of s.violations) violations.push(v);
  }
  const result: MessageCheck = {
    text,
    encoding: measure.encoding,
    units: measure.units,
    parts: measure.parts,
    perPart: measure.perPart,
    nonGsm: measure.nonGsm,
    stop: { present: stop.present, code: stop.code },
    sender,
    violations,
    ok: !violations.some((v) => v.severity === 'block'),
  };
  return extra === undefined ? result : { ...result, ...extra };
}

/** `transliterated`: the text's measure once transliterated (or already so). */
function checkLength(
  text: string,
  measure: TextMeasure,
  maxParts: number,
  transliterated: TextMeasure,
): Violation[] {
  const gsm =
    transliterated.encoding === 'GSM-7' && transliterated !== measure ? transliterated : null;
  const violations: Violation[] = [];
  if (measure.parts > maxParts) {
    const limit = maxParts === 1 ? '1 SMS' : `${maxParts} SMS`;
    const instead = gsm === null ? '' : ` ou translittérez-le (${gsm.parts} SMS en GSM-7)`;
    violations.push(
      createViolation(
        'FR-MSG-04',
        'policy',
        'block',
        `le message demande ${measure.parts} SMS (${measure.units} ${unitName(measure)}, ${measure.perPart} par SMS) mais la limite est de ${limit} : raccourcissez-le${instead}`,
      ),
    );
  }
  if (measure.encoding === 'UCS-2') {
    const { nonGsm } = measure;
    let shown = '';
    for (let i = 0; i < nonGsm.length && i < 5; i += 1) {
      const at = characterNumber(text, nonGsm[i]!.index);
      shown += `${i === 0 ? '' : ', '}« ${nonGsm[i]!.char} » (${at}${at === 1 ? 'er' : 'e'} caractère)`;
    }
    if (nonGsm.length > 5) shown += ` et ${nonGsm.length - 5} autres`;
    const one = nonGsm.length === 1;
    const kept = [...new Set(transliterated.nonGsm.map((c) => c.char))];
    const named = kept
      .slice(0, 3)
      .map((c) => `« ${c} »`)
      .join(', ');
    const remedy =
      gsm !== null
        ? 'translittérez pour rester en GSM-7'
        : `${named} ${kept.length === 1 ? 'n’a' : 'n’ont'} pas d’équivalent en GSM-7 : ${kept.length === 1 ? 'retirez-le' : 'retirez-les'} pour y rester`;
    violations.push(
      createViolation(
        'FR-MSG-04',
        'advice',
        'warn',
        `${shown} ${one ? 'impose' : 'imposent'} l'Unicode (UCS-2) : un SMS contient alors 70 caractères au lieu de 160 ; ${remedy}`,
      ),
    );
  }
  return violations;
}

/** The 1-based rank of the character at UTF-16 `index`, as a reader counts (an emoji is one). */
function characterNumber(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n += 1;
  }
  return n;
}

function unitName(measure: TextMeasure): string {
  return measure.encoding === 'GSM-7' ? 'caractères GSM-7' : 'caractères UCS-2';
}
