import { detectStop } from './detect-stop.ts';

/**
 * Appends " STOP au <code>" (FR-MSG-02's usual form, 14 characters, counted in the length) after
 * trimming trailing spaces, unless the text already carries a mention of that very code.
 */
export function appendStop(text: string, code: string): { text: string; appended: boolean } {
  if (detectStop(text).codes.includes(code)) return { text, appended: false };
  return { text: `${text.trimEnd()} STOP au ${code}`, appended: true };
}
