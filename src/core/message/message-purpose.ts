/** Promotional messages need a STOP mention and a 36xxx short code; transactional ones do not. */
export const messagePurposes = ['promotional', 'transactional'] as const;
export type MessagePurpose = (typeof messagePurposes)[number];
