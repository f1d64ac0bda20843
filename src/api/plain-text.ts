import { z } from 'zod';

/**
 * Control characters (NUL, escape sequences that colour a terminal or an audit viewer) and
 * the bidirectional overrides that make a name read backwards (U+202A–U+202E, U+2066–U+2069).
 */
const unsafe = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** A name a person typed: trimmed, 1 to `max` characters, nothing that hides or rewrites it. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !unsafe.test(text), {
      message: 'control characters and direction overrides are not allowed',
    });
}
