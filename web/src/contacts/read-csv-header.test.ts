import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMapQuery, decodeCsvStart, readCsvHeader } from './read-csv-header.ts';

test('the header is split and mapped like the server maps it', () => {
  const table: Array<[string, string, string[], string[]]> = [
    [
      'phone,first_name,consent_basis\n0612',
      ',',
      ['phone', 'first_name', 'consent_basis'],
      ['phone', 'first_name', 'consent_basis'],
    ],
    [
      '\uFEFFTéléphone;Prénom;Code postal;Couleur\r\n',
      ';',
      ['Téléphone', 'Prénom', 'Code postal', 'Couleur'],
      ['phone', 'first_name', 'postal_code', ''],
    ],
    ['"tel"\t"nom"\n', 'tab', ['tel', 'nom'], ['phone', 'last_name']],
  ];
  for (const [text, delimiter, columns, proposed] of table) {
    const h = readCsvHeader(text);
    assert.equal(h.delimiter, delimiter);
    assert.deepEqual(h.columns, columns);
    assert.deepEqual(h.proposed, proposed);
  }
});

test('only changed mappings are sent', () => {
  const h = readCsvHeader('Mobile,Couleur,Prénom\n');
  assert.equal(buildMapQuery(h, h.proposed), undefined);
  assert.equal(
    buildMapQuery(h, ['phone', 'custom.couleur', 'first_name']),
    'Couleur=custom.couleur',
  );
});

test('a Windows-1252 file (a French Excel export) is decoded as the server decodes it', () => {
  const header = 'Civilité;Prénom;Téléphone portable\r\nMme;Hélène;0612345678\r\n';
  // Windows-1252: é is the single byte 0xE9.
  const cp1252 = Uint8Array.from([...header].map((c) => c.charCodeAt(0)));
  const h = readCsvHeader(decodeCsvStart(cp1252));
  assert.deepEqual(h.columns, ['Civilité', 'Prénom', 'Téléphone portable']);
  assert.deepEqual(h.proposed, ['gender', 'first_name', 'phone']);
  const utf8 = new TextEncoder().encode(`\uFEFF${header}`);
  assert.equal(readCsvHeader(decodeCsvStart(utf8)).columns[1], 'Prénom');
  // A UTF-8 character cut by the end of the slice read is not taken for Windows-1252.
  const cut = utf8.slice(0, utf8.length - 1 - new TextEncoder().encode('\r\n').length);
  assert.equal(decodeCsvStart(new TextEncoder().encode('Prénom;é').slice(0, -1)), 'Prénom;');
  assert.equal(readCsvHeader(decodeCsvStart(cut)).columns[1], 'Prénom');
});
