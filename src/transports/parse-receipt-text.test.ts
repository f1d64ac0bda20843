import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReceiptText } from './format-receipt-text.ts';
import { mapMessageState, mapStatWord, parseReceiptText } from './parse-receipt-text.ts';

test('every stat value maps to a receipt status', () => {
  const cases = [
    ['DELIVRD', 'delivered'],
    ['EXPIRED', 'expired'],
    ['DELETED', 'deleted'],
    ['UNDELIV', 'undeliverable'],
    ['ACCEPTD', 'accepted'],
    ['UNKNOWN', 'unknown'],
    ['REJECTD', 'rejected'],
    ['ENROUTE', 'enroute'],
    ['delivrd', 'delivered'],
    ['BOGUS', 'unknown'],
  ] as const;
  for (const [word, status] of cases) assert.equal(mapStatWord(word), status, word);
  const states = [
    'unknown',
    'enroute',
    'delivered',
    'expired',
    'deleted',
    'undeliverable',
    'accepted',
    'unknown',
    'rejected',
    'unknown',
  ];
  for (const [n, status] of states.entries()) {
    assert.equal(mapMessageState(n), status, `message_state ${n}`);
  }
});

test('parses SMPP 3.4 Appendix B receipt texts, tolerant of order, case and missing fields', () => {
  const cases = [
    {
      text: 'id:0123456789 sub:001 dlvrd:001 submit date:2611281405 done date:2611281406 stat:DELIVRD err:000 text:Bonjour',
      want: {
        id: '0123456789',
        stat: 'delivered',
        statWord: 'DELIVRD',
        err: '000',
        doneAt: new Date('2026-11-28T14:06:00Z'),
      },
    },
    {
      text: 'ID:ab12 SUB:001 DLVRD:000 SUBMIT DATE:261128140501 DONE DATE:261128140502 STAT:UNDELIV ERR:034',
      want: {
        id: 'ab12',
        stat: 'undeliverable',
        statWord: 'UNDELIV',
        err: '034',
        doneAt: new Date('2026-11-28T14:05:02Z'),
      },
    },
    { text: 'stat:EXPIRED id:77', want: { id: '77', stat: 'expired', statWord: 'EXPIRED' } },
    { text: 'nothing useful', want: {} },
    {
      text: 'id:5 done date:9913991299 stat:ACCEPTD',
      want: { id: '5', stat: 'accepted', statWord: 'ACCEPTD' },
    },
  ];
  for (const c of cases) assert.deepEqual(parseReceiptText(c.text), c.want, c.text);
});

test('the simulator SMSC receipt text parses back to what it said', () => {
  const at = new Date('2026-11-28T14:05:00Z');
  assert.deepEqual(parseReceiptText(formatReceiptText('0000065536', true, at)), {
    id: '0000065536',
    stat: 'delivered',
    statWord: 'DELIVRD',
    err: '000',
    doneAt: at,
  });
  assert.equal(parseReceiptText(formatReceiptText('7', false, at)).stat, 'undeliverable');
});
