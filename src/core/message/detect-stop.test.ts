import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStop } from './check-stop.ts';
import { detectStop } from './detect-stop.ts';

test('STOP mention forms that are recognised, with their code (FR-MSG-02)', () => {
  const cases: Array<[string, string]> = [
    ['Soldes -50% ! STOP au 36180', '36180'],
    ['Soldes -50% ! STOP SMS 36180', '36180'],
    ['Soldes -50% ! Stop : 36 180', '36180'],
    ['Soldes -50% ! stop au 36 180', '36180'],
    ['Soldes ! STOP SMS au 36180', '36180'],
    ['Soldes ! STOP SMS : 36180', '36180'],
    ['Soldes ! STOP AU 36111', '36111'],
    ['Soldes ! sToP Au 36200', '36200'],
    ['Soldes ! STOP 36173', '36173'],
    ['Soldes ! STOP:36180', '36180'],
    ['Soldes ! STOP=36180', '36180'],
    ['Soldes ! STOP à 36180', '36180'],
    ['Soldes ! STOP À 36180', '36180'],
    ['Soldes ! STOP au n°36180', '36180'],
    ['Soldes ! STOP au N° 36180', '36180'],
    ['Soldes ! STOP au numéro 36180', '36180'],
    ['Soldes ! STOP au 36.180', '36180'],
    ['Soldes !\nSTOP au 36180', '36180'],
    ['Soldes ! (STOP au 36180)', '36180'],
    ['Soldes ! STOP au 36180.', '36180'],
    ['Soldes !\u00a0STOP\u00a0au\u00a036180', '36180'],
    ['Soldes ! STOP\u202fau\u202f36\u202f180', '36180'],
    ['Soldes ! STOP au 34990', '34990'],
    // Accents typed as a letter and a combining mark (text pasted from macOS), the ordinal sign.
    ['Soldes ! STOP a\u0300 36180', '36180'],
    ['Soldes ! STOP au nume\u0301ro 36180', '36180'],
    ['Soldes ! STOP au nº36180', '36180'],
    ['Soldes ! STOP au Nº 36180', '36180'],
    ['Fe\u0302te des me\u0300res ! STOP au 36180', '36180'],
  ];
  for (const [text, code] of cases) {
    const stop = detectStop(text);
    assert.deepEqual([stop.present, stop.code], [true, code], text);
  }
});

test('forms that are not a STOP mention (FR-MSG-02)', () => {
  const cases: Array<[string, boolean]> = [
    // text, keywordOnly (the word STOP alone)
    ['STOPPER au 36180', false],
    ['Envoyez STOPPER 36180', false],
    ['stop au 3618', true],
    ['STOP au 361800', true],
    ['STOP au 46180', true],
    ['Code 36180 pour vous désinscrire', false],
    ['36180', false],
    ['Répondez STOP pour ne plus recevoir nos offres', true],
    ['ASTOP au 36180', false],
    ['STOP au 3 6180', true],
    ['Fête des mères -20%', false],
    // FR-MSG-02's \b on either side, and the space its pattern wants before SMS.
    ['STOP au 36180abc', true],
    ['STOPSMS 36180', false],
    ['_STOP au 36180', false],
  ];
  for (const [text, keywordOnly] of cases) {
    const stop = detectStop(text);
    assert.deepEqual([stop.present, stop.code, stop.keywordOnly], [false, null, keywordOnly], text);
  }
});

test('every code of a message is reported, in order', () => {
  assert.deepEqual(detectStop('STOP au 36111 ou STOP SMS 36180').codes, ['36111', '36180']);
});

test('checkStop: promotional needs the configured code; none configured warns on 36xxx', () => {
  const cases: Array<
    [string, 'promotional' | 'transactional', string | undefined, Array<[string, string]>]
  > = [
    // text, purpose, configured code, expected [rule, severity]
    ['Promo STOP au 36180', 'promotional', '36180', []],
    ['Promo', 'promotional', '36180', [['FR-MSG-02', 'block']]],
    ['Promo, répondez STOP', 'promotional', '36180', [['FR-MSG-02', 'block']]],
    ['Promo STOP au 36111', 'promotional', '36180', [['FR-MSG-02', 'block']]],
    ['Promo STOP au 36111 STOP au 36180', 'promotional', '36180', [['FR-MSG-02', 'block']]],
    ['Promo STOP au 36180', 'promotional', undefined, [['FR-MSG-02', 'warn']]],
    ['Promo STOP au 34990', 'promotional', undefined, [['FR-MSG-02', 'block']]],
    ['Promo STOP au 34990', 'promotional', '34990', []],
    ['Votre colis arrive', 'transactional', '36180', []],
    ['Votre colis arrive', 'transactional', undefined, []],
    ['Votre colis STOP au 36111', 'transactional', '36180', [['FR-MSG-02', 'warn']]],
  ];
  for (const [text, purpose, code, expected] of cases) {
    const violations = checkStop(detectStop(text), purpose, code);
    assert.deepEqual(
      violations.map((v) => [v.rule, v.severity]),
      expected,
      `${purpose} ${code} ${text}`,
    );
    for (const v of violations) assert.ok(v.message.length > 20);
  }
  // Sent from the STOP short code itself, a reply is the opt-out (refused from a name).
  assert.deepEqual(checkStop(detectStop('Répondez STOP'), 'promotional', '36180', '36180'), []);
  for (const sender of ['DUPONT', '36111', undefined]) {
    const v = checkStop(detectStop('Répondez STOP'), 'promotional', '36180', sender);
    assert.deepEqual(
      v.map((x) => x.severity),
      ['block'],
      String(sender),
    );
  }
  assert.equal(checkStop(detectStop('Répondez STOP'), 'promotional', undefined, '36180').length, 1);
  const keywordOnly = checkStop(detectStop('Répondez STOP'), 'promotional', '36180');
  assert.match(keywordOnly[0]!.message, /sans son numéro court.*« STOP au 36180 »/);
});
