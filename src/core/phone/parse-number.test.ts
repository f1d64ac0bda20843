import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseNumber } from './parse-number.ts';

const gp = ['GP', 'BL', 'MF'];

test('national numbers with default region FR go to their territory (FR-NUM-02)', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['06 12 34 56 78', '+33612345678', 'FR', ['FR']],
    ['07 51 23 45 67', '+33751234567', 'FR', ['FR']],
    ['0692 12 34 56', '+262692123456', 'RE', ['RE']],
    ['0693 00 12 34', '+262693001234', 'RE', ['RE']],
    ['0639 20 12 34', '+262639201234', 'YT', ['YT']],
    ['0690 00 12 34', '+590690001234', 'GP', gp],
    ['0691 22 12 34', '+590691221234', 'GP', gp],
    ['0694 20 12 34', '+594694201234', 'GF', ['GF']],
    ['0696 20 12 34', '+596696201234', 'MQ', ['MQ']],
    ['0697 20 12 34', '+596697201234', 'MQ', ['MQ']],
    ['07090 01234', '+590709001234', 'GP', gp],
    ['07091 01234', '+596709101234', 'MQ', ['MQ']],
    ['07092 01234', '+262709201234', 'RE', ['RE']],
    ['07093 01234', '+594709301234', 'GF', ['GF']],
    ['07093 31234', '+594709331234', 'GF', ['GF']],
    ['07093 51234', '+262709351234', 'YT', ['YT']],
    ['07093 71234', '+262709371234', 'YT', ['YT']],
    ['055 12 34', '+508551234', 'PM', ['PM']],
  ];
  for (const [input, e164, country, territories] of cases) {
    const p = parseNumber(input);
    assert.equal(p.e164, e164, input);
    assert.equal(p.country, country, input);
    assert.deepEqual(p.territories, territories, input);
    assert.equal(p.valid, true, input);
    assert.equal(p.mobile, true, input);
    assert.equal(p.rulePack, 'FR', input);
    assert.equal(p.reason, undefined, input);
  }
});

test('international numbers: territories, zones, pack (FR-NUM-01, FR-NUM-04)', () => {
  const cases: Array<[string, string | null, string[], string[], string | null, string?]> = [
    ['+33 6 12 34 56 78', 'FR', ['FR'], ['Europe/Paris'], 'FR'],
    ['+262 692 12 34 56', 'RE', ['RE'], ['Indian/Reunion'], 'FR'],
    ['+262 639 20 12 34', 'YT', ['YT'], ['Indian/Mayotte'], 'FR'],
    [
      '+590 690 00 12 34',
      'GP',
      gp,
      ['America/Guadeloupe', 'America/St_Barthelemy', 'America/Marigot'],
      'FR',
    ],
    ['+596 696 20 12 34', 'MQ', ['MQ'], ['America/Martinique'], 'FR'],
    ['+594 694 20 12 34', 'GF', ['GF'], ['America/Cayenne'], 'FR'],
    ['+508 55 12 34', 'PM', ['PM'], ['America/Miquelon'], 'FR'],
    ['+681 72 12 34', 'WF', ['WF'], ['Pacific/Wallis'], 'FR'],
    ['+687 75 12 34', 'NC', ['NC'], ['Pacific/Noumea'], 'FR'],
    [
      '+689 87 12 34 56',
      'PF',
      ['PF'],
      ['Pacific/Tahiti', 'Pacific/Marquesas', 'Pacific/Gambier'],
      'FR',
    ],
    ['+269 321 23 45', 'KM', ['KM'], [], null, 'no-rule-pack'],
    ['+1 202 555 0143', 'US', ['US'], [], null, 'no-rule-pack'],
    ['+44 7400 123456', 'GB', ['GB'], [], null, 'no-rule-pack'],
    ['0033 6 12 34 56 78', 'FR', ['FR'], ['Europe/Paris'], 'FR'],
    ['+33 (0)6 12 34 56 78', 'FR', ['FR'], ['Europe/Paris'], 'FR'],
  ];
  for (const [input, country, territories, zones, pack, reason] of cases) {
    const p = parseNumber(input);
    assert.equal(p.country, country, input);
    assert.deepEqual(p.territories, territories, input);
    assert.deepEqual(p.timeZones, zones, input);
    assert.equal(p.rulePack, pack, input);
    assert.equal(p.reason, reason, input);
  }
});

test('refusals: unparsable, invalid, not mobile (FR-NUM-03)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['hello', 'unparsable', false],
    ['', 'unparsable', false],
    ['+33 692 12 34 56', 'invalid', false], // Réunion range under +33 (rules.md §10)
    ['06 12 34', 'invalid', false],
    ['+508 55 12 34 56', 'invalid', false],
    ['01 45 67 89 01', 'not-mobile', true],
    ['+33 9 70 12 34 56', 'not-mobile', true],
    ['0590 27 12 34', 'not-mobile', true],
  ];
  for (const [input, reason, valid] of cases) {
    const p = parseNumber(input);
    assert.equal(p.reason, reason, input);
    assert.equal(p.valid, valid, input);
    assert.equal(p.mobile, false, input);
    if (!valid) assert.equal(p.e164, null, input);
  }
  assert.throws(() => parseNumber('0612345678', 'XX'), /unknown region 'XX'/);
});

const frenchCodes = ['33', '262', '590', '594', '596', '508', '681', '687', '689'];

function libraryView(input: string, region: string) {
  const p = parsePhoneNumberFromString(input, region as CountryCode);
  const type = p?.getType();
  return {
    valid: type !== undefined,
    mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE',
    e164: type !== undefined ? (p?.number ?? null) : null,
    country: type !== undefined ? (p?.country ?? null) : null,
  };
}

test('fast path agrees with libphonenumber on every French plan (property)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...frenchCodes),
      fc.stringMatching(/^[0-9]{5,10}$/),
      (code, nsn) => {
        const input = `+${code}${nsn}`;
        const ours = parseNumber(input);
        const lib = libraryView(input, 'FR');
        assert.equal(ours.valid, lib.valid, input);
        assert.equal(ours.mobile, lib.mobile && lib.valid, input);
        assert.equal(ours.e164, lib.e164, input);
        if (lib.valid) assert.equal(ours.country, lib.country, input);
      },
    ),
    { numRuns: 3000 },
  );
});

test('national parsing keeps libphonenumber when FR validates, else an overseas plan', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[67][0-9]{8}$/), (nsn) => {
      const input = `0${nsn}`;
      const ours = parseNumber(input);
      const fr = libraryView(input, 'FR');
      if (fr.valid) {
        assert.equal(ours.e164, fr.e164, input);
        assert.equal(ours.country, 'FR', input);
        return;
      }
      const overseas = ['GP', 'BL', 'MF', 'MQ', 'GF', 'RE', 'YT', 'PM']
        .map((r) => libraryView(input, r))
        .find((v) => v.valid);
      assert.equal(ours.e164, overseas?.e164 ?? null, input);
      assert.notEqual(ours.e164?.startsWith('+33'), true, input);
    }),
    { numRuns: 3000 },
  );
});
