import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveConsentState } from '../consent/derive-consent-state.ts';
import { chainHash, fingerprintConsentEvent, genesisHash } from '../consent/hash-consent-event.ts';
import { parseNumber } from '../phone/parse-number.ts';
import { normaliseContact } from './normalise-contact.ts';
import {
  consentOf,
  contactOf,
  createRowPreparer,
  extra,
  type PreparedBatch,
  phoneOf,
  preparedRowChunks,
  statusAt,
  type ValidRow,
} from './prepared-rows.ts';

const now = new Date('2026-11-28T12:00:00Z');
const readPreparedRows = (batch: PreparedBatch) =>
  [...preparedRowChunks(batch, batch.count)].flat();
function valid(line: number, row: Record<string, string>): ValidRow {
  const out = normaliseContact((f) => row[f], [], { now, parse: parseNumber, places: null });
  assert.ok(out.ok);
  return { line, contact: out.contact, consent: out.consent };
}
const consent = {
  consent_basis: 'opt_in',
  consent_mechanism: 'unticked_checkbox',
  consent_wording: "J'accepte",
  consent_collected_at: '2025-01-01',
};

test('prepared rows come back as they went, odd values included, with hash and state', () => {
  const rows = [
    valid(2, {
      phone: '0612345678',
      first_name: 'Zoé',
      birth_year: '1980',
      children: '2',
      ...consent,
    }),
    valid(3, {
      phone: '0622222222',
      first_name: 'A\u001fB',
      ...consent,
      consent_ip: '203.0.113.9',
    }),
    valid(4, {
      phone: '0633333333',
      last_name: 'C\u001eD\u001dE',
      ...consent,
      consent_wording: 'Autre',
    }),
    valid(5, { phone: '0644444444', last_interaction_at: '2026-01-01', ...consent }),
    valid(6, {
      phone: '0655555555',
      ...consent,
      consent_basis: 'b2b',
      consent_objection_offered: 'oui',
    }),
  ];
  const preparer = createRowPreparer('ws', 'import:f.csv', now.toISOString());
  for (const row of rows) preparer.add(row);
  const batch = preparer.take();
  assert.deepEqual([batch.count, batch.odd.length, batch.evidences.length], [5, 2, 3]);
  const read = readPreparedRows(batch);
  read.forEach((prepared, i) => {
    const row = rows[i]!;
    assert.equal(phoneOf(prepared), row.contact.phone);
    assert.deepEqual(contactOf(prepared), row.contact);
    assert.deepEqual(consentOf(prepared, batch.evidences), row.consent);
    assert.equal(prepared.extras[extra.line], row.line);
    const print = fingerprintConsentEvent(row.contact.phone, row.consent);
    assert.equal(
      prepared.extras[extra.firstHash],
      chainHash(genesisHash, print, 'ws', row.contact.phone, 1, 'import:f.csv', now.toISOString()),
    );
    const state = deriveConsentState([row.consent], row.contact.last_interaction_at);
    assert.deepEqual(prepared.contact.slice(statusAt - 1, statusAt + 3), [
      state.basis,
      state.status,
      state.validUntil,
      state.collectedAt,
    ]);
  });
  // A second batch: evidences already seen are not sent again; the next batch starts empty.
  preparer.add(rows[0]!);
  const next = preparer.take();
  assert.deepEqual([next.count, next.evidences.length], [1, 0]);
  assert.equal(readPreparedRows(next)[0]!.extras[extra.evidence], 0);
  assert.deepEqual(readPreparedRows(preparer.take()), []);
});

test('a batch names the rows whose number is on another of its rows; the next batch starts over', () => {
  const row = (line: number, phone: string) => valid(line, { phone, ...consent });
  const preparer = createRowPreparer('ws', 'import:f.csv', now.toISOString());
  for (const [i, phone] of [
    '0611111111',
    '0622222222',
    '0622222222',
    '0611111111',
    '0633333333',
    '0622222222',
  ].entries()) {
    preparer.add(row(i + 2, phone));
  }
  const batch = preparer.take();
  assert.deepEqual(batch.repeated, [0, 1, 2, 3, 5]);
  preparer.add(row(8, '0633333333'));
  preparer.add(row(9, '0644444444'));
  assert.deepEqual(preparer.take().repeated, []);
  // Integer columns come back as numbers, ready to bind.
  const years = createRowPreparer('ws', 'import:f.csv', now.toISOString());
  years.add(valid(2, { phone: '0655555555', birth_year: '1980', children: '2', ...consent }));
  const [prepared] = readPreparedRows(years.take());
  assert.deepEqual([contactOf(prepared!).birth_year, contactOf(prepared!).children], [1980, 2]);
  assert.ok(prepared!.contact.includes(1980) && prepared!.contact.includes(2));
});
