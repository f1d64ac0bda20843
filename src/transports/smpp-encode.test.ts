import assert from 'node:assert/strict';
import { test } from 'node:test';
import smpp from 'smpp';
import { encodeParts } from '../core/message/encode-parts.ts';
import { buildSubmitPdus } from './build-submit-pdus.ts';
import { encodeDeliverSmResp, encodeSubmitSm } from './smpp-encode.ts';
import { keepRawSmppBytes } from './smpp-raw-bytes.ts';

keepRawSmppBytes();

/** The package's own bytes for the same fields and sequence number. */
function packageBytes(fields: Record<string, unknown>, sequence: number): Buffer {
  const pdu = new smpp.PDU('submit_sm', { ...fields });
  pdu.sequence_number = sequence;
  return pdu.toBuffer();
}

function ourBytes(fields: Record<string, unknown>, sequence: number): Buffer {
  const pdu = encodeSubmitSm(fields);
  pdu.sequence_number = sequence;
  return pdu.toBuffer();
}

const validUntil = new Date('2026-12-01T19:00:00Z');
const cases: Array<[string, Parameters<typeof buildSubmitPdus>]> = [
  [
    'GSM-7, alphanumeric sender, validity',
    [
      { id: '1', to: '+33612345678', from: 'DUPONT', text: 'Promo -20% ce samedi', validUntil },
      encodeParts('Promo -20% ce samedi'),
      { long: 'udh', ref: 7 },
    ],
  ],
  [
    'UCS-2, short code, no validity, service type',
    [
      { id: '2', to: '+262692123456', from: '36180', text: 'Soldes 🎉 à Saint-Denis' },
      encodeParts('Soldes 🎉 à Saint-Denis'),
      { long: 'udh', ref: 7, serviceType: 'CMT' },
    ],
  ],
  [
    'long message with UDH, international sender',
    [
      { id: '3', to: '+33698765432', from: '+33612000000', text: 'x'.repeat(300), validUntil },
      encodeParts('x'.repeat(300)),
      { long: 'udh', ref: 200 },
    ],
  ],
];

test('encodeSubmitSm: byte for byte what the smpp package writes, sequence numbers included', () => {
  for (const [name, args] of cases) {
    for (const [i, fields] of buildSubmitPdus(...args).entries()) {
      const f = fields as unknown as Record<string, unknown>;
      assert.deepEqual(ourBytes(f, 4242 + i), packageBytes(f, 4242 + i), `${name}, part ${i + 1}`);
    }
  }
});

test('encodeSubmitSm: TLVs (SAR, message_payload) and relative validity go through the package', () => {
  const text = 'y'.repeat(300);
  const message = { id: '4', to: '+33612345678', from: 'DUPONT', text, validUntil };
  for (const long of ['sar', 'payload'] as const) {
    for (const fields of buildSubmitPdus(message, encodeParts(text), { long, ref: 9 })) {
      const f = fields as unknown as Record<string, unknown>;
      assert.ok(encodeSubmitSm(f) instanceof smpp.PDU, long);
      assert.deepEqual(ourBytes(f, 9), packageBytes(f, 9));
    }
  }
  const relative = { ...buildSubmitPdus(message, encodeParts('z'), { long: 'udh', ref: 1 })[0]! };
  relative.validity_period = '000001000000';
  assert.ok(encodeSubmitSm(relative as unknown as Record<string, unknown>) instanceof smpp.PDU);
});

test('encodeDeliverSmResp: the package response, with its status and the deliver_sm sequence', () => {
  const deliver = new smpp.PDU('deliver_sm', { source_addr: '33612345678' });
  deliver.sequence_number = 77;
  for (const status of [0, 0x64]) {
    const expected = deliver.response({ command_status: status }).toBuffer();
    const ours = encodeDeliverSmResp(deliver, status);
    assert.equal(ours.isResponse(), true);
    assert.deepEqual(ours.toBuffer(), expected);
  }
});
