import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessage, type MessageCheckOptions } from './check-message.ts';

const promo: MessageCheckOptions = { purpose: 'promotional', stopCode: '36180', maxParts: 1 };
const dupont = 'Dupont Meubles: -20% sur tout le magasin ce samedi ! STOP au 36180';

test('rules.md §10 example: GSM-7, one part, STOP mention for 36180, ok', () => {
  const r = checkMessage(dupont, { ...promo, sender: 'DUPONT' });
  assert.deepEqual(
    [
      r.text,
      r.encoding,
      r.units,
      r.parts,
      r.perPart,
      r.nonGsm,
      r.stop,
      r.sender,
      r.violations,
      r.ok,
    ],
    [
      dupont,
      'GSM-7',
      66,
      1,
      160,
      [],
      { present: true, code: '36180' },
      { valid: true, kind: 'alphanumeric' },
      [],
      true,
    ],
  );
});

test('policy violations and their severities', () => {
  const cases: Array<[string, MessageCheckOptions, Array<[string, string]>, boolean]> = [
    // text, options, [rule, severity], ok
    ['Soldes !', promo, [['FR-MSG-02', 'block']], false],
    ['Soldes !', { ...promo, purpose: 'transactional' }, [], true],
    [`${'a'.repeat(150)} STOP au 36180`, promo, [['FR-MSG-04', 'block']], false],
    [`${'a'.repeat(150)} STOP au 36180`, { ...promo, maxParts: 2 }, [], true],
    ['Fête des mères ! STOP au 36180', promo, [['FR-MSG-04', 'warn']], true],
    [dupont, { ...promo, sender: '0612345678' }, [['FR-SND-01', 'block']], false],
    [dupont, { ...promo, sender: 'DUPONT-MEUB' }, [['FR-SND-02', 'block']], false],
    [dupont, { ...promo, sender: '38100' }, [['FR-SND-02', 'warn']], true],
    [dupont, { ...promo, sender: 'PROMO' }, [['FR-SND-03', 'block']], false],
    [dupont, { ...promo, sender: 'PROMO', senderDenylist: ['DUPONT'] }, [], true],
    [dupont, { ...promo, stopCode: '36111' }, [['FR-MSG-02', 'block']], false],
    [dupont, { ...promo, stopCode: undefined }, [['FR-MSG-02', 'warn']], true],
  ];
  for (const [text, options, expected, ok] of cases) {
    const r = checkMessage(text, options);
    assert.deepEqual(
      r.violations.map((v) => [v.rule, v.severity]),
      expected,
      `${text.slice(0, 30)} ${JSON.stringify(options)}`,
    );
    assert.equal(r.ok, ok);
  }
  assert.equal(checkMessage('Soldes !', promo).sender, null);
});

test('--append-stop appends " STOP au <code>" and counts it: 146 + 14 = 160, 147 + 14 = 161', () => {
  const fits = checkMessage('a'.repeat(146), { ...promo, appendStop: true });
  assert.deepEqual(
    [fits.text, fits.units, fits.parts, fits.appendedStop, fits.ok],
    [`${'a'.repeat(146)} STOP au 36180`, 160, 1, true, true],
  );
  const over = checkMessage('a'.repeat(147), { ...promo, appendStop: true });
  assert.deepEqual([over.units, over.parts, over.ok], [161, 2, false]);
  assert.equal(
    checkMessage('Soldes !  ', { ...promo, appendStop: true }).text,
    'Soldes ! STOP au 36180',
  );
  const already = checkMessage(dupont, { ...promo, appendStop: true });
  assert.deepEqual([already.text, already.appendedStop], [dupont, false]);
  assert.throws(() => checkMessage('Soldes', { ...promo, stopCode: undefined, appendStop: true }), {
    code: 'invalid_input',
    message: /demande un numéro STOP/,
  });
});

test('--transliterate reports the text and parts before, and the GSM-7 result', () => {
  const text = `Fête des mères : l’œuf à 5 € ${'ê'.repeat(50)}`;
  const r = checkMessage(text, { ...promo, transliterate: true, appendStop: true });
  assert.equal(r.transliterated, true);
  assert.deepEqual([r.before?.text, r.before?.encoding, r.before?.parts], [text, 'UCS-2', 2]);
  assert.deepEqual([r.encoding, r.parts, r.ok], ['GSM-7', 1, true]);
  assert.equal(r.text, `Fete des mères : l'oeuf à 5 € ${'e'.repeat(50)} STOP au 36180`);
  assert.equal(r.replacements?.length, 53);
  const unchanged = checkMessage(dupont, { ...promo, transliterate: true });
  assert.deepEqual([unchanged.transliterated, unchanged.text], [false, dupont]);
});

test('bad input is refused with a clear message, not counted', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /le texte est vide/],
    ['Promo \ud83d', /surrogate\) isolé à l'index 6/],
    ['\ude00 Promo', /surrogate\) isolé à l'index 0/],
    ['Promo\tici', /caractère de contrôle U\+0009 \(tabulation\) à l'index 5/],
    ['Promo\u0000', /caractère de contrôle U\+0000/],
    ['Promo\u007f', /caractère de contrôle U\+007F/],
    ['Promo\u0085', /caractère de contrôle U\+0085/],
    ['a'.repeat(1531), /11 SMS.*10 au plus/],
    ['😀'.repeat(336), /11 SMS \(672 caractères UCS-2/],
    ['\u200b', /le texte translittéré est vide/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => checkMessage(text, { ...promo, transliterate: true }), {
      name: 'DomainError',
      code: 'invalid_input',
      message,
    });
  }
  assert.equal(checkMessage('a'.repeat(1530), { ...promo, maxParts: 10 }).parts, 10);
  assert.equal(checkMessage('Ligne 1\r\nLigne 2', promo).units, 16);
});

test('violations read in French for a marketer, with their rule ids and no CLI flag', () => {
  const cases: Array<[string, Partial<MessageCheckOptions>, string, RegExp]> = [
    ['Soldes -20 %', {}, 'FR-MSG-02', /ajoutez la mention « STOP au 36180 »/],
    ['Soldes, STOP', {}, 'FR-MSG-02', /sans son numéro court/],
    ['Soldes STOP au 36999', {}, 'FR-MSG-02', /votre numéro STOP est le 36180/],
    ['Soldes STOP au 36999', { stopCode: undefined }, 'FR-MSG-02', /aucun numéro STOP/],
    ['a'.repeat(170), {}, 'FR-MSG-04', /raccourcissez-le/],
    ['Fête ✨', {}, 'FR-MSG-04', /imposent l'Unicode/],
    // Characters counted as a reader counts them; advice only where it helps.
    ['Fête', {}, 'FR-MSG-04', /« ê » \(2e caractère\) impose l'Unicode.*translittérez/],
    ['😀😀ê', {}, 'FR-MSG-04', /« ê » \(3e caractère\).*; « 😀 » n’a pas d’équivalent en GSM-7/],
    [`${'é'.repeat(70)}’`, {}, 'FR-MSG-04', /2 SMS.*ou translittérez-le \(1 SMS en GSM-7\)/],
    [`😀${'a'.repeat(70)}`, {}, 'FR-MSG-04', /raccourcissez-le$/],
    [`😀${'a'.repeat(70)}`, { transliterate: true }, 'FR-MSG-04', /raccourcissez-le$/],
    [`😀${'a'.repeat(70)}`, { transliterate: true }, 'FR-MSG-04', /« 😀 » n’a pas d’équivalent/],
    ['Soldes, répondez STOP', { sender: '06PIZZA' }, 'FR-SND-01', /commence comme/],
    [dupont, { sender: 'INFO' }, 'FR-SND-03', /noms génériques/],
    [dupont, { sender: '0612345678' }, 'FR-SND-01', /numéro de mobile/],
  ];
  for (const [text, options, rule, fragment] of cases) {
    const r = checkMessage(text, { ...promo, ...options });
    const found = r.violations.find((v) => v.rule === rule && fragment.test(v.message));
    assert.ok(found, `${text}: ${rule} ${fragment} in ${JSON.stringify(r.violations)}`);
    for (const v of r.violations) assert.doesNotMatch(v.message, /--|TEXTO_/, v.message);
  }
});
