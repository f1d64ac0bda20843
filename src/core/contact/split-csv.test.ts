import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsvSplitter, detectDelimiter, formatCsvLine } from './split-csv.ts';

function splitAll(text: string, chunk = 3, maxRecordChars = 1 << 20) {
  const s = createCsvSplitter(',', maxRecordChars);
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...s.push(text.slice(i, i + chunk)));
  out.push(...s.end());
  return out;
}

test('CSV records, whatever the chunking', () => {
  const cases: Array<[string, string, Array<[number, string[], string?]>]> = [
    [
      'plain',
      'a,b\n1,2\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'CRLF and no final newline',
      'a,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    ['quoted delimiter and quote', 'a,"x, ""y"""\n', [[1, ['a', 'x, "y"']]]],
    [
      'newline inside quotes keeps line numbers',
      'h\n"1\n2",3\n4,5\n',
      [
        [1, ['h']],
        [2, ['1\n2', '3']],
        [4, ['4', '5']],
      ],
    ],
    [
      'ragged rows pass through',
      'a,b\n1\n1,2,3\n',
      [
        [1, ['a', 'b']],
        [2, ['1']],
        [3, ['1', '2', '3']],
      ],
    ],
    ['stray quote inside a field is text', 'a,b"c\n', [[1, ['a', 'b"c']]]],
    [
      'text after a closing quote breaks only that line',
      'a,"b\nc,d\ne,"f"g\nh,i\n',
      [
        [1, ['a', '"b'], 'malformed-quote'],
        [2, ['c', 'd']],
        [3, ['e', '"f"g'], 'malformed-quote'],
        [4, ['h', 'i']],
      ],
    ],
    [
      'empty lines are skipped',
      'a\n\n\nb\n',
      [
        [1, ['a']],
        [4, ['b']],
      ],
    ],
    [
      'unclosed quote at the end',
      'a\n"b,c\nd,e\n',
      [
        [1, ['a']],
        [2, ['"b', 'c'], 'unclosed-quote'],
        [3, ['d', 'e']],
      ],
    ],
  ];
  for (const [name, text, expected] of cases) {
    for (const chunk of [1, 2, 5, 1000]) {
      const got = splitAll(text, chunk).map((r) =>
        r.error ? [r.line, r.fields, r.error] : [r.line, r.fields],
      );
      assert.deepEqual(got, expected, `${name} (chunk ${chunk})`);
    }
  }
});

test('an unclosed quote in a big file costs one line, not the rest', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `${i},x`).join('\n');
  const got = splitAll(`h,v\n"broken,1\n${rows}\n`, 64, 500);
  assert.equal(got.length, 202);
  assert.equal(got[1]!.error, 'unclosed-quote');
  assert.equal(got[1]!.line, 2);
  assert.deepEqual(got[201]!.fields, ['199', 'x']);
});

test('delimiter detection and CSV formatting', () => {
  assert.equal(detectDelimiter('téléphone;prénom;nom'), ';');
  assert.equal(detectDelimiter('phone,first_name,"a;b"'), ',');
  assert.equal(formatCsvLine(['a', 'b,c', 'd"e']), 'a,"b,c","d""e"');
});
