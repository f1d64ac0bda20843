import { gsmAlphabet } from './gsm-alphabet.ts';
import { transliterationTable } from './transliteration-table.ts';

export interface Replacement {
  /** The character replaced, at its UTF-16 index in the original text. */
  readonly char: string;
  readonly index: number;
  /** What replaced it ('' when removed). */
  readonly with: string;
}

export interface Transliteration {
  readonly text: string;
  readonly replacements: readonly Replacement[];
}

const spaces = /[\s\u00a0\u202f]/;

/**
 * Replaces characters that force UCS-2 by readable GSM-7 ones (ê→e, ç→c, œ→oe, ’→', «»→",
 * …→..., dashes→-, NBSP→space). French guillemet spacing is tidied: « Soldes » gives "Soldes".
 * A combining accent is folded into its letter when that gives a GSM-7 letter (e + ◌́ → é),
 * else dropped. Characters with no readable equivalent (emoji, other scripts) are kept.
 */
export function transliterate(text: string): Transliteration {
  const out: string[] = [];
  const replacements: Replacement[] = [];
  let skipSpaces = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const isSpace = spaces.test(char);
    if (isSpace && (skipSpaces || nextNonSpace(text, i + 1) === '»')) {
      replacements.push({ char, index: i, with: '' });
      continue;
    }
    skipSpaces = char === '«';
    if (gsmAlphabet.costOf(code) !== 0) {
      out.push(char);
      continue;
    }
    const replacement = replace(char, out);
    if (replacement === undefined) {
      out.push(char);
    } else {
      replacements.push({ char, index: i, with: replacement });
      if (replacement !== '' || !isCombining(code)) out.push(replacement);
    }
    i += char.length - 1;
  }
  return { text: out.join(''), replacements };
}

function replace(char: string, out: string[]): string | undefined {
  const mapped = transliterationTable.get(char);
  if (mapped !== undefined) return mapped;
  const code = char.charCodeAt(0);
  if (isCombining(code)) {
    const previous = out[out.length - 1];
    const composed = previous === undefined ? '' : (previous + char).normalize('NFC');
    if (composed.length === 1 && gsmAlphabet.costOf(composed.charCodeAt(0)) !== 0) {
      out[out.length - 1] = composed;
    }
    return '';
  }
  const base = char.normalize('NFD');
  if (base.length > 1 && gsmAlphabet.costOf(base.charCodeAt(0)) !== 0) {
    const rest = base.slice(1);
    if ([...rest].every((c) => isCombining(c.charCodeAt(0)))) return base[0]!;
  }
  return undefined;
}

function isCombining(code: number): boolean {
  return code >= 0x0300 && code <= 0x036f;
}

function nextNonSpace(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i += 1) {
    const c = text[i]!;
    if (!spaces.test(c)) return c;
  }
  return undefined;
}
