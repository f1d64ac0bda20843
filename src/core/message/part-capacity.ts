/** The two encodings an SMS text can use. */
export type Encoding = 'GSM-7' | 'UCS-2';

/**
 * Units one part carries (septets for GSM-7, UTF-16 code units for UCS-2): `single` when the
 * whole text fits one SMS, `multi` per part of a concatenated SMS (the UDH takes the rest).
 */
export const partCapacity = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const satisfies Record<Encoding, { single: number; multi: number }>;
