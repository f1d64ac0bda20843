import type { MessageIdFormat } from './parse-transport-url.ts';

/** Where an id came from: submit_sm_resp / receipted_message_id, or the receipt text's `id:`. */
export type MessageIdSource = 'response' | 'receipt-text';

/**
 * Normalises a gateway message id so that the id returned at submit time and the one in the
 * receipt compare equal. With `same`, ids compare as text, ignoring case, spaces and leading
 * zeros. With a numeric format (`hex-dec`: responses in hex, receipt texts in decimal, …) both
 * become the decimal value. An id that is not a number in its announced base stays as text.
 */
export function normaliseMessageId(
  id: string,
  format: MessageIdFormat,
  source: MessageIdSource,
): string {
  const text = id.trim().toLowerCase();
  if (format !== 'same') {
    const base = (source === 'response' ? format.slice(0, 3) : format.slice(4)) as 'hex' | 'dec';
    const pattern = base === 'hex' ? /^[0-9a-f]+$/ : /^[0-9]+$/;
    if (pattern.test(text)) return BigInt(base === 'hex' ? `0x${text}` : text).toString(10);
  }
  const stripped = text.replace(/^0+/, '');
  return stripped === '' && text !== '' ? '0' : stripped;
}
