import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './hash-password.ts';

const salt = Buffer.alloc(16, 7);

test('scrypt hash: salted, self-describing, verifies the right password only', async () => {
  const encoded = await hashPassword('correct horse battery', salt);
  assert.match(encoded, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]{86}$/);
  assert.notEqual(encoded, await hashPassword('correct horse battery', Buffer.alloc(16, 8)));
  assert.equal(await verifyPassword('correct horse battery', encoded), true);
  assert.equal(await verifyPassword('correct horse batterY', encoded), false);
  assert.equal(await verifyPassword('', encoded), false);
});

test('a malformed stored hash is refused, never thrown', async () => {
  for (const bad of ['', 'plain', 'scrypt$x$8$1$abc$def', 'md5$1$1$1$aaaa$bbbb']) {
    assert.equal(await verifyPassword('whatever', bad), false, bad);
  }
});
