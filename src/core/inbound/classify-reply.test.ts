import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyReply, type ReplyInterpretation } from './classify-reply.ts';

const cases: ReadonlyArray<[string, ReplyInterpretation]> = [
  // OPT-02 keywords: whole trimmed message, case- and accent-insensitive
  ['STOP', 'stop'],
  ['stop', 'stop'],
  ['  Stop. ', 'stop'],
  ['STOP SMS', 'stop'],
  ['stop  sms', 'stop'],
  ['ARRET', 'stop'],
  ['Arrêt', 'stop'],
  ['ARRÊT', 'stop'],
  ['désabonner', 'stop'],
  ['DESABONNER', 'stop'],
  ['Désinscrire', 'stop'],
  ['DESINSCRIPTION', 'stop'],
  ['Unsubscribe', 'stop'],
  ['STOPALL', 'stop'],
  ['stop all', 'stop'],
  ['STOP!', 'stop'],
  // the keyword with the short code, as the mention reads
  ['STOP 36180', 'stop'],
  ['Stop au 36180', 'stop'],
  ['ARRÊT SMS 36180.', 'stop'],
  ['STOP36180', 'stop'],
  // politeness, repetition, a held key, the usual "stop pub": still the keyword
  ['stop svp', 'stop'],
  ['Stop, merci', 'stop'],
  ['STOP merci', 'stop'],
  ["Stop s'il vous plaît", 'stop'],
  ['arret svp', 'stop'],
  ['STOP STOP', 'stop'],
  ['STOPPP', 'stop'],
  ['stop pub', 'stop'],
  ['Arrêtez', 'stop'],
  ['Arrêter', 'stop'],
  // re-subscription and help
  ['START', 'start'],
  ['unstop', 'start'],
  ['AIDE', 'help'],
  // probable opt-outs: pending review
  ["arrêtez de m'envoyer des sms", 'probable_stop'],
  ['je veux ne plus recevoir vos messages', 'probable_stop'],
  ['Désinscrivez-moi svp', 'probable_stop'],
  ['plus de sms svp', 'probable_stop'],
  ['Je ne veux plus recevoir vos SMS', 'probable_stop'],
  ['je ne souhaite plus être contactée', 'probable_stop'],
  ['je ne veux plus de vos messages', 'probable_stop'],
  ['Plus de vos pubs svp', 'probable_stop'],
  ['Supprimez mon numéro', 'probable_stop'],
  ['retirez mon numero de votre liste', 'probable_stop'],
  ['STOP 36180 et merci', 'probable_stop'],
  // not an opt-out
  ['STOPPER', 'other'],
  ['Merci, à samedi !', 'other'],
  ['Oui je viens', 'other'],
  ['Je ne veux plus attendre, vous ouvrez quand ?', 'other'],
  ["Il n'y a plus de stock ?", 'other'],
  ['Code 36180', 'other'],
  ['', 'other'],
];

test('classifyReply reads OPT-02 keywords on the whole trimmed reply', () => {
  for (const [text, expected] of cases) {
    assert.equal(classifyReply(text), expected, JSON.stringify(text));
  }
});
