export interface StopMention {
  /** A STOP keyword followed by a short code was found. */
  readonly present: boolean;
  /** The 5-digit code of the first mention (spaces removed), or null. */
  readonly code: string | null;
  /** Every code mentioned, in order (a message may carry two). */
  readonly codes: readonly string[];
  /** The word STOP appears on its own without a code ("Répondez STOP"): not a valid mention. */
  readonly keywordOnly: boolean;
}

/**
 * FR-MSG-02's pattern /\bSTOP(\s+SMS)?\s*(au|:)?\s*3[0-9]{4}\b/i, widened to the forms French
 * copy uses, case- and accent-insensitive: "STOP au 36180", "STOP SMS 36180", "Stop : 36 180",
 * "stop au 36 180", "STOP SMS au 36180", "STOP à 36180", "STOP au n°36180" (or nº, the
 * ordinal sign keyboards give), "STOP=36180". "STOPPER", "STOPSMS", a 4- or 6-digit code, a
 * code run into letters ("36180abc") or a code without the word STOP do not match. An "à"
 * typed as "a" and a combining grave, as text pasted from macOS often is, is composed first
 * (NFC) so that it reads like the one-character "à" (only when the text has such a mark:
 * normalising every text halved the message check's throughput).
 */
const mention =
  /(?<![\p{L}\p{N}_])stop(?:\s+sms)?\s*(?:[:=-]\s*)?(?:(?:au|[aàâ])\s*)?(?:(?:n[°ºo]|num(?:[ée]ro)?)\s*[:.]?\s*)?(3\d)[\s.]?(\d{3})(?![\p{L}\p{N}_])/giu;
const keyword = /(?<![\p{L}\p{N}_])stop(?![\p{L}\p{N}_])/iu;
const quick = /stop/i;
/** The combining accents a Latin letter can be typed with. */
const combining = /[\u0300-\u036f]/;

/** Finds the STOP mention(s) of a message body. */
export function detectStop(original: string): StopMention {
  if (!quick.test(original)) return absent;
  const text = combining.test(original) ? original.normalize('NFC') : original;
  const codes: string[] = [];
  mention.lastIndex = 0;
  for (let m = mention.exec(text); m !== null; m = mention.exec(text)) codes.push(m[1]! + m[2]!);
  if (codes.length === 0) {
    return keyword.test(text) ? { ...absent, keywordOnly: true } : absent;
  }
  return { present: true, code: codes[0]!, codes, keywordOnly: false };
}

const absent: StopMention = Object.freeze({
  present: false,
  code: null,
  codes: Object.freeze([]) as readonly string[],
  keywordOnly: false,
});
