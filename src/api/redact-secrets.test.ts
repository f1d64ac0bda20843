import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactPath, redactSecrets } from './redact-secrets.ts';

test('secret-named fields are replaced at any depth', () => {
  const out = redactSecrets({
    email: 'a@b.fr',
    password: 'hunter2hunter2',
    headers: { Authorization: 'Bearer x', cookie: 'texto_session=abc', 'x-csrf-token': 't' },
    nested: [{ apiKey: 'k', api_key: 'k2', secret: 's', sessionToken: 'z' }],
    count: 3,
  });
  assert.deepEqual(out, {
    email: 'a@b.fr',
    password: '[redacted]',
    headers: { Authorization: '[redacted]', cookie: '[redacted]', 'x-csrf-token': '[redacted]' },
    nested: [
      {
        apiKey: '[redacted]',
        api_key: '[redacted]',
        secret: '[redacted]',
        sessionToken: '[redacted]',
      },
    ],
    count: 3,
  });
});

test('API keys and phone numbers inside any string are masked; dates and ids survive', () => {
  const cases: Array<[string, string]> = [
    ['key tx_AbCdEf0123456789_-xyz used', 'key tx_[redacted] used'],
    ['to +33612345678 now', 'to [number] now'],
    ['to +33 6 12 34 56 78.', 'to [number].'],
    ['call 06 12 34 56 78', 'call [number]'],
    ['call 06.12.34.56.78', 'call [number]'],
    ['/contacts/33612345678', '/contacts/[number]'],
    ['2026-11-28T15:00:00.000Z', '2026-11-28T15:00:00.000Z'],
    ['usr_0a1b2c3d4e and 12 items', 'usr_0a1b2c3d4e and 12 items'],
  ];
  for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
});

test('query values of secret-named parameters and numbers in paths are masked', () => {
  assert.equal(
    redactPath(new URL('http://h/api/x?api_key=tx_abcdefghijkl&limit=5&phone=%2B33612345678')),
    '/api/x?api_key=[redacted]&limit=5&phone=[number]',
  );
  assert.equal(redactPath(new URL('http://h/api/health')), '/api/health');
  // Percent-encoded in the path, as the web UI's contact lookup sends them.
  assert.equal(
    redactPath(new URL('http://h/api/workspaces/w/contacts/%2B33655590000')),
    '/api/workspaces/w/contacts/[number]',
  );
  assert.equal(
    redactPath(new URL('http://h/api/workspaces/w/contacts/06%2055%2051%2023%2045')),
    '/api/workspaces/w/contacts/[number]',
  );
  assert.doesNotMatch(redactPath(new URL('http://h/c/%E0%2B33655590000')), /\d{6}/);
});
