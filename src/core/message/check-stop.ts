import type { StopMention } from './detect-stop.ts';
import type { MessagePurpose } from './message-purpose.ts';
import { createViolation, type Violation } from './violation.ts';

/**
 * FR-MSG-02 on a detected mention: a promotional message needs "STOP au <code>" with the
 * configured code; with no code configured any 36xxx passes with a warning. Transactional
 * messages need none, but a wrong code in one is still worth a warning.
 */
export function checkStop(
  stop: StopMention,
  purpose: MessagePurpose,
  stopCode: string | undefined,
): Violation[] {
  const promotional = purpose === 'promotional';
  const example = `"STOP au ${stopCode ?? '36xxx'}"`;
  if (!stop.present) {
    if (!promotional) return [];
    const message = stop.keywordOnly
      ? `the word STOP appears without its short code: write ${example} so recipients can opt out for free`
      : `promotional SMS must say how to opt out: add ${example} (or use --append-stop)`;
    return [createViolation('FR-MSG-02', 'law', 'block', message)];
  }
  const severity = promotional ? 'block' : 'warn';
  if (stopCode !== undefined) {
    const wrong = stop.codes.filter((c) => c !== stopCode);
    if (wrong.length === 0) return [];
    return [
      createViolation(
        'FR-MSG-02',
        'law',
        severity,
        `the STOP mention gives ${wrong.join(', ')} but your STOP code is ${stopCode}: replies there would not unsubscribe anyone`,
      ),
    ];
  }
  const foreign = stop.codes.filter((c) => !c.startsWith('36'));
  if (foreign.length > 0) {
    return [
      createViolation(
        'FR-MSG-02',
        'law',
        severity,
        `STOP code ${foreign.join(', ')} is not a 36xxx code; if it is your provider's code, configure it (TEXTO_STOP_CODE or --stop-code)`,
      ),
    ];
  }
  return [
    createViolation(
      'FR-MSG-02',
      'law',
      'warn',
      `no STOP code is configured (TEXTO_STOP_CODE or --stop-code), so ${stop.codes.join(', ')} could not be checked against your provider's code`,
    ),
  ];
}
