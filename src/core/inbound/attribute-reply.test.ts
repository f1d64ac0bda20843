import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeReply, shortCodeOf } from './attribute-reply.ts';

test('shortCodeOf reads a French short code however the gateway wrote it', () => {
  assert.equal(shortCodeOf('36180'), '36180');
  assert.equal(shortCodeOf('+3336180'), '36180');
  assert.equal(shortCodeOf('3336180'), '36180');
  assert.equal(shortCodeOf('+33612345678'), null);
  assert.equal(shortCodeOf('DUPONT'), null);
});

const b = { name: 'B', sent: true, stopCode: '36180' };
const g = { name: 'G', sent: true, stopCode: '36111' };
const d = { name: 'D', sent: true, stopCode: null };

test('a reply goes to the workspace whose short code it was sent to, not the latest', () => {
  // G messaged the number last; the STOP was sent to B's code.
  assert.equal(attributeReply([g, b], '36180')?.name, 'B');
  assert.equal(attributeReply([g, b], '36111')?.name, 'G');
  // The server's code stands for workspaces without their own.
  assert.equal(attributeReply([g, d], '36200', '36200')?.name, 'D');
  // A code nobody uses, or a long number: the latest message.
  assert.equal(attributeReply([g, b], '36999')?.name, 'G');
  assert.equal(attributeReply([g, b], '+33612345678')?.name, 'G');
  assert.equal(attributeReply([], '36180'), undefined);
});

test('a message sent wins over one still to go; a queued one is enough when alone', () => {
  const queued = { name: 'Q', sent: false, stopCode: '36180' };
  assert.equal(attributeReply([queued, b], '36180')?.name, 'B');
  assert.equal(attributeReply([queued], '36180')?.name, 'Q');
});
