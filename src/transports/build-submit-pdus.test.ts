import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeParts } from '../core/message/encode-parts.ts';
import { buildSubmitPdus, formatValidity, sourceAddress } from './build-submit-pdus.ts';

const message = { id: 'm1', to: '+33612345678', from: 'DUPONT', text: '' };

test('single-part messages: explicit data_coding and the exact bytes, never a string', () => {
  const cases = [
    { text: 'Café à 20 €', dc: 0, hex: '43616605207f203230201b65' },
    { text: 'Fête', dc: 8, hex: '004600ea00740065' },
  ];
  for (const c of cases) {
    const [pdu, ...rest] = buildSubmitPdus({ ...message, text: c.text }, encodeParts(c.text), {
      long: 'udh',
      ref: 1,
    });
    assert.equal(rest.length, 0);
    assert.equal(pdu!.data_coding, c.dc);
    assert.ok(Buffer.isBuffer(pdu!.short_message));
    assert.equal(pdu!.short_message.toString('hex'), c.hex);
    assert.equal(pdu!.esm_class, 0);
    assert.equal(pdu!.registered_delivery, 1);
    assert.deepEqual(
      [pdu!.dest_addr_ton, pdu!.dest_addr_npi, pdu!.destination_addr],
      [1, 1, '33612345678'],
    );
  }
});

test('long messages: UDH 05 00 03 ref total seq, SAR TLVs, or one message_payload', () => {
  const text = 'é'.repeat(200) + 'ê'; // UCS-2, 201 chars: 3 parts of 67
  const encoded = encodeParts(text);
  const udh = buildSubmitPdus({ ...message, text }, encoded, { long: 'udh', ref: 300 });
  assert.equal(udh.length, 3);
  udh.forEach((p, i) => {
    assert.equal(p.esm_class, 0x40);
    assert.equal(p.data_coding, 8);
    assert.deepEqual([...p.short_message.subarray(0, 6)], [5, 0, 3, 300 & 0xff, 3, i + 1]);
    assert.equal(p.short_message.length, 6 + 2 * 67);
  });
  const sar = buildSubmitPdus({ ...message, text }, encoded, { long: 'sar', ref: 300 });
  assert.deepEqual(
    sar.map((p) => [
      p.esm_class,
      p.sar_msg_ref_num,
      p.sar_total_segments,
      p.sar_segment_seqnum,
      p.short_message.length,
    ]),
    [
      [0, 300, 3, 1, 134],
      [0, 300, 3, 2, 134],
      [0, 300, 3, 3, 134],
    ],
  );
  const payload = buildSubmitPdus({ ...message, text }, encoded, { long: 'payload', ref: 300 });
  assert.equal(payload.length, 1);
  assert.equal(payload[0]!.short_message.length, 0);
  assert.equal(payload[0]!.message_payload?.length, 2 * 201);
});

test('source TON/NPI by sender kind', () => {
  const cases = [
    ['DUPONT', 5, 0, 'DUPONT'],
    ['Dupont 2', 5, 0, 'Dupont 2'],
    ['36180', 3, 0, '36180'],
    ['+33612345678', 1, 1, '33612345678'],
  ] as const;
  for (const [from, ton, npi, address] of cases)
    assert.deepEqual(sourceAddress(from), { ton, npi, address });
});

test('validity_period is absolute UTC YYMMDDhhmmss000+', () => {
  assert.equal(formatValidity(new Date('2026-11-28T19:00:00Z')), '261128190000000+');
  assert.equal(formatValidity(new Date('2027-01-02T03:04:05.678Z')), '270102030405000+');
  const [pdu] = buildSubmitPdus(
    { ...message, text: 'Hi', validUntil: new Date('2026-12-24T19:30:00+01:00') },
    encodeParts('Hi'),
    { long: 'udh', ref: 0 },
  );
  assert.equal(pdu!.validity_period, '261224183000000+');
});
