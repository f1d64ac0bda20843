import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDeliverSm } from './read-deliver-sm.ts';

const now = new Date('2026-11-28T14:00:00Z');
const text = (s: string) => Buffer.from(s, 'latin1');

test('receipts: the TLV id first, else the text id; message_state first, else stat', () => {
  const cases = [
    {
      label: 'TLV id and state win over the text',
      pdu: {
        esm_class: 0x04,
        receipted_message_id: '1A2B',
        message_state: 5,
        short_message: text('id:0000006699 stat:DELIVRD err:000'),
      },
      ids: 'hex-dec',
      want: { gatewayId: String(0x1a2b), status: 'undeliverable' },
    },
    {
      label: 'text id, decimal, in hex-dec mode',
      pdu: {
        esm_class: 0x04,
        short_message: text(
          'id:0000006699 sub:001 dlvrd:001 submit date:2611281359 done date:2611281400 stat:DELIVRD err:000 text:x',
        ),
      },
      ids: 'hex-dec',
      want: { gatewayId: '6699', status: 'delivered', at: new Date('2026-11-28T14:00:00Z') },
    },
    {
      label: 'intermediate notification (0x20), error kept',
      pdu: { esm_class: 0x20, short_message: text('id:abc stat:ENROUTE err:012') },
      ids: 'same',
      want: { gatewayId: 'abc', status: 'enroute', error: '012' },
    },
    {
      label: 'network_error_code TLV',
      pdu: {
        esm_class: 0x04,
        receipted_message_id: '00AB',
        message_state: 8,
        network_error_code: Buffer.from([3, 0, 11]),
        short_message: text(''),
      },
      ids: 'same',
      want: { gatewayId: 'ab', status: 'rejected', error: '3:11' },
    },
  ] as const;
  for (const c of cases) {
    const event = readDeliverSm(c.pdu, c.ids, now);
    assert.equal(event?.kind, 'receipt', c.label);
    assert.deepEqual(event, { kind: 'receipt', at: now, ...c.want }, c.label);
  }
  assert.equal(
    readDeliverSm({ esm_class: 0x04, short_message: text('stat:DELIVRD') }, 'same', now),
    undefined,
  );
});

test('MO replies: decoded by data_coding, UDH stripped, numbers in E.164', () => {
  const cases = [
    {
      pdu: {
        esm_class: 0,
        data_coding: 0,
        source_addr: '33612345678',
        source_addr_ton: 1,
        destination_addr: '36180',
        short_message: Buffer.from([0x53, 0x54, 0x4f, 0x50]),
      },
      from: '+33612345678',
      text: 'STOP',
    },
    {
      pdu: {
        esm_class: 0,
        data_coding: 8,
        source_addr: '33612345678',
        source_addr_ton: 0,
        destination_addr: '36180',
        short_message: Buffer.from('ARRÊT', 'utf16le').swap16(),
      },
      from: '+33612345678',
      text: 'ARRÊT',
    },
    {
      pdu: {
        esm_class: 0x40,
        data_coding: 0,
        source_addr: '+262692123456',
        destination_addr: 'DUPONT',
        short_message: Buffer.from([5, 0, 3, 9, 2, 1, 0x53, 0x54]),
      },
      from: '+262692123456',
      text: 'ST',
    },
    {
      pdu: {
        esm_class: 0,
        data_coding: 3,
        source_addr: '0612345678',
        source_addr_ton: 2,
        destination_addr: '36180',
        message_payload: Buffer.from('Arrêt', 'latin1'),
      },
      from: '0612345678',
      text: 'Arrêt',
    },
  ];
  for (const c of cases) {
    assert.deepEqual(readDeliverSm(c.pdu, 'same', now), {
      kind: 'reply',
      from: c.from,
      to: c.pdu.destination_addr,
      text: c.text,
      at: now,
    });
  }
});
