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
 * "stop au 36 180", "STOP SMS au 36180", "STOP à 36180", "STOP au n°36180", "STOP=36180".
 * "STOPPER", a 4- or 6-digit code, or a code without the word STOP do not match.
 */
const mention =
  /(?<![\p{L}\p{N}])stop(?:\s*sms)?\s*(?:[:=-]\s*)?(?:(?:au|[aàâ])\s*)?(?:(?:n[°o]|num(?:[ée]ro)?)\s*[:.]?\s*)?(3\d)[\s.]?(\d{3})(?![\p{N}])/giu;
const keyword = /(?<![\p{L}\p{N}])stop(?![\p{L}\p{N}])/iu;
const quick = /stop/i;

/** Finds the STOP mention(s) of a message body. */
export function detectStop(text: string): StopMention {
  if (!quick.test(text)) return absent;
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
