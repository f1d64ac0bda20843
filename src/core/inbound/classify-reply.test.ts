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
  // re-subscription and help
  ['START', 'start'],
  ['unstop', 'start'],
  ['AIDE', 'help'],
  // probable opt-outs: pending review
  ["arrêtez de m'envoyer des sms", 'probable_stop'],
  ['je veux ne plus recevoir vos messages', 'probable_stop'],
  ['Désinscrivez-moi svp', 'probable_stop'],
  ['STOP merci', 'probable_stop'],
  ['plus de sms svp', 'probable_stop'],
  // not an opt-out
  ['STOPPER', 'other'],
  ['Merci, à samedi !', 'other'],
  ['Oui je viens', 'other'],
  ['', 'other'],
];

test('classifyReply reads OPT-02 keywords on the whole trimmed reply', () => {
  for (const [text, expected] of cases) {
    assert.equal(classifyReply(text), expected, JSON.stringify(text));
  }
});
