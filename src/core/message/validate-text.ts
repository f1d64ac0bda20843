import { DomainError } from '../domain-error.ts';
import type { TextMeasure } from './measure-text.ts';

const names: Record<number, string> = {
  9: 'tabulation',
  12: 'saut de page',
  0: 'caractère nul',
  27: 'échappement',
};

/**
 * Refuses text that cannot be counted honestly: empty, a lone surrogate (invalid UTF-16), or a
 * control character other than the line breaks \n and \r (C0, DEL and C1 controls). Throws
 * DomainError('invalid_input') naming the problem and its UTF-16 index. Given the text's
 * measure, only its non-GSM characters (every control but \f, every lone surrogate) and \f are
 * looked at, so the check costs nothing on ordinary text.
 */
export function validateText(text: string, where = 'le texte', measure?: TextMeasure): void {
  if (text.length === 0) throw new DomainError('invalid_input', `${where} est vide`);
  if (measure !== undefined && text.indexOf('\f') < 0 && measure.nonGsm.every(isOrdinary)) return;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      const name = names[code] ? ` (${names[code]})` : '';
      throw new DomainError(
        'invalid_input',
        `${where} contient un caractère de contrôle ${hex}${name} à l'index ${i} : seuls les retours à la ligne sont permis`,
        { index: i, codePoint: hex },
      );
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      throw new DomainError(
        'invalid_input',
        `${where} n'est pas de l'UTF-16 valide : demi-caractère (surrogate) isolé à l'index ${i}`,
        { index: i },
      );
    }
  }
}

function isOrdinary(c: { char: string }): boolean {
  const code = c.char.charCodeAt(0);
  if (c.char.length === 2) return true;
  return !(code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff));
}
