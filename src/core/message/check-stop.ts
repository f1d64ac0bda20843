import { detectStop, type StopMention } from './detect-stop.ts';
import type { MessagePurpose } from './message-purpose.ts';
import { createViolation, type Violation } from './violation.ts';

/**
 * FR-MSG-02 on a detected mention: a promotional message needs "STOP au <code>" with the
 * configured code; with no code configured any 36xxx passes with a warning. Transactional
 * messages need none, but a wrong code in one is still worth a warning. "Répondez STOP" alone
 * is refused only where a reply cannot reach the STOP service (rules.md: "when the sender is
 * alphanumeric"): sent from the configured STOP short code itself, the reply is the opt-out.
 */
export function checkStop(
  stop: StopMention,
  purpose: MessagePurpose,
  stopCode: string | undefined,
  sender?: string,
): Violation[] {
  const promotional = purpose === 'promotional';
  const example = `« STOP au ${stopCode ?? '36xxx'} »`;
  if (!stop.present) {
    if (!promotional) return [];
    if (stop.keywordOnly && stopCode !== undefined && sender === stopCode) return [];
    const message = stop.keywordOnly
      ? `le mot STOP apparaît sans son numéro court : écrivez ${example} pour que les destinataires puissent se désinscrire gratuitement`
      : `un SMS promotionnel doit indiquer comment se désinscrire : ajoutez la mention ${example}`;
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
        `la mention STOP indique ${wrong.join(', ')} mais votre numéro STOP est le ${stopCode} : les réponses envoyées là ne désinscriraient personne`,
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
        `le numéro STOP ${foreign.join(', ')} n'est pas un numéro court 36xxx ; si c'est celui de votre opérateur, renseignez-le dans les réglages de l'espace de travail`,
      ),
    ];
  }
  return [
    createViolation(
      'FR-MSG-02',
      'law',
      'warn',
      `aucun numéro STOP n'est configuré : impossible de vérifier que ${stop.codes.join(', ')} est bien celui de votre opérateur ; renseignez-le dans les réglages de l'espace de travail`,
    ),
  ];
}

/**
 * The STOP codes a text mentions other than `code` (the workspace's, else the server's): a
 * reply sent to one of them would unsubscribe nobody. None when no code is configured.
 */
export function otherStopCodes(text: string, code: string | null | undefined): string[] {
  if (!code) return [];
  return detectStop(text).codes.filter((c) => c !== code);
}
