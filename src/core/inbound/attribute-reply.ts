/** A message a reply may answer, as far as attribution cares. */
export interface ReplyCandidate {
  /** Handed to the gateway; else still to go (the reply came first). */
  readonly sent: boolean;
  /** Its workspace's own STOP short code; null for the server's. */
  readonly stopCode: string | null;
}

/** The French short code a reply was sent to ("36180", "+3336180"), or null. */
export function shortCodeOf(to: string): string | null {
  const digits = to.replace(/\D/g, '');
  if (/^3\d{4}$/.test(digits)) return digits;
  if (/^333\d{4}$/.test(digits)) return digits.slice(2);
  return null;
}

/**
 * Which message a reply answers (OPT-01: the opt-out must reach the advertiser that messaged
 * the number). `candidates` come newest first, at most one sent and one pending per
 * workspace. A reply to a short code goes to the workspaces using that code (their own, else
 * the server's `serverStopCode`): two clients with their own codes who both messaged the number
 * each get only the STOPs sent to theirs. Among those (or all, when the code is nobody's), the
 * latest message handed to the gateway, else the latest still to go: a STOP sent before a
 * queued message left is still that workspace's.
 */
export function attributeReply<T extends ReplyCandidate>(
  candidates: readonly T[],
  to: string,
  serverStopCode?: string,
): T | undefined {
  const code = shortCodeOf(to);
  const addressed =
    code === null ? [] : candidates.filter((c) => (c.stopCode ?? serverStopCode) === code);
  const pool = addressed.length > 0 ? addressed : candidates;
  return pool.find((c) => c.sent) ?? pool[0];
}
