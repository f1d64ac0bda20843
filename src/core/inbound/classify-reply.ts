/** How a reply (MO) is read (rules.md OPT-02). */
export type ReplyInterpretation = 'stop' | 'probable_stop' | 'start' | 'help' | 'other';

/** Opt-out keywords, compared with the whole trimmed reply, case- and accent-folded (OPT-02). */
const stopKeywords = new Set([
  // French (recommended)
  'STOP',
  'STOP SMS',
  'ARRET',
  'ARRET SMS',
  'ARRETER',
  'ARRETEZ',
  'STOP PUB',
  'STOP PUBS',
  'STOP PUBLICITE',
  'DESABONNER',
  'DESINSCRIRE',
  'DESINSCRIPTION',
  'DESABONNEMENT',
  // FCC, vendors
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPT OUT',
  'OPTOUT',
  'OPT-OUT',
  'REMOVE',
  'TD',
  // other languages
  'BAJA',
  'PARAR',
  'ALTO',
  'STOPP',
  'ABMELDEN',
  'ANNULLA',
  'CANCELLA',
  'AFMELDEN',
]);

/**
 * A keyword followed by the short code it was sent to, as the message's mention reads ("STOP au
 * 36180" copied back, "STOP 36180"): as clear as the keyword alone.
 */
const stopWithCode = /^(?:STOP|STOP SMS|ARRET|ARRET SMS)(?: AU)? ?\d{4,6}$/;

/**
 * What people add around a keyword without changing it: politeness ("stop svp", "Stop,
 * merci"), the keyword said twice ("STOP STOP"), a letter held down ("STOPPP"). Removed
 * before the keyword is looked up.
 */
const politeEnd = /(?:[ ,]+(?:SVP|STP|S IL VOUS PLAIT|S IL TE PLAIT|MERCI|MERCI BEAUCOUP))+$/;

function bareKeyword(folded: string): string {
  const plain = folded.replace(/['’]/g, ' ').replace(/ +/g, ' ').replace(politeEnd, '').trim();
  const held = plain.replace(/^STOP+$/, 'STOP').replace(/^(STOP|ARRET)(?:[ ,]+\1)+$/, '$1');
  return held;
}

const startKeywords = new Set(['START', 'UNSTOP', 'YES']);
const helpKeywords = new Set(['HELP', 'INFO', 'AIDE']);

/**
 * Phrases that probably mean stop without being a keyword ("arrêtez de m'envoyer des sms",
 * "ne plus recevoir", "désinscrivez-moi"): suppressed pending review (OPT-02 design).
 */
const probable = [
  /\bARRET(E|EZ|ER)?\b.*\b(SMS|MESSAGES?|ENVOI|ENVOYER|ECRIRE|SPAM)\b/,
  /\bNE\s+PLUS\s+(RECEVOIR|ETRE\s+CONTACTE|M['’ ]?ENVOYER|ME\s+CONTACTER)\b/,
  // "je ne veux plus recevoir…", "ne souhaite plus être contactée", "ne veux plus de vos sms"
  /\bNE\s+(VEUX|VOULONS|SOUHAITE|SOUHAITONS|DESIRE)\s+PLUS\s+(RECEVOIR|ETRE\s+CONTACTE|DE\b|VOS\b|AUCUN)/,
  /\b(DESINSCRI|DESABONN|RETIREZ[- ]MOI|SUPPRIMEZ[- ]MOI|ENLEVEZ[- ]MOI)/,
  /\b(SUPPRIMEZ|RETIREZ|EFFACEZ|ENLEVEZ)\s+MON\s+(NUMERO|NUM|CONTACT)\b/,
  /\bPLUS\s+DE\s+(VOS\s+)?(SMS|MESSAGES?|PUBS?)\b/,
  /\bSTOP\b/,
  /\b(UNSUBSCRIBE|STOP\s+TEXTING|REMOVE\s+ME|OPT\s*OUT)\b/,
  /\bLAISSEZ[- ]MOI\s+TRANQUILLE\b/,
];

/** Upper case, accents removed, punctuation at the ends dropped, inner spaces squeezed. */
export function foldReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/^[\s.!?,;:'"«»()-]+|[\s.!?,;:'"«»()-]+$/g, '')
    .trim();
}

/**
 * Reads a reply: an opt-out keyword on its own (the whole trimmed message), or followed by the
 * short code, is a STOP; START and UNSTOP ask to re-subscribe (which only a recorded opt-in
 * grants), HELP/INFO/AIDE ask for help, and a sentence that probably means stop is flagged for
 * review.
 */
export function classifyReply(text: string): ReplyInterpretation {
  const folded = foldReply(text);
  const bare = bareKeyword(folded);
  if (stopKeywords.has(bare) || stopWithCode.test(bare)) return 'stop';
  if (startKeywords.has(folded)) return 'start';
  if (helpKeywords.has(folded)) return 'help';
  if (probable.some((p) => p.test(folded))) return 'probable_stop';
  return 'other';
}
