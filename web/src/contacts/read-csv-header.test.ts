import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMapQuery, readCsvHeader } from './read-csv-header.ts';

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
