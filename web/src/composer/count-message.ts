import { measureText, type TextMeasure } from '../../../src/core/message/measure-text.ts';

export interface MessageCount extends TextMeasure {
  /** Units the current number of parts can carry (parts × per-part capacity). */
  readonly capacity: number;
}

/**
 * The composer's instant counter: the very core function the server uses (measureText), run
 * in the browser on every keystroke. Tested to agree with POST …/messages/check.
 */
export function countMessage(text: string): MessageCount {
  const measure = measureText(text);
  return { ...measure, capacity: measure.parts * measure.perPart };
}
