import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signWebhook, verifyWebhook } from './sign-webhook.ts';

test('signatures verify; tampering, staleness and missing headers are refused', () => {
  const body = '{"type":"reply","from":"+33612345678","to":"36180","text":"STOP"}';
  const ts = 1_800_000_000;
  const signature = signWebhook('s3cret', ts, body);
  assert.match(signature, /^v1=[0-9a-f]{64}$/);
  const cases = [
    {
      secret: 's3cret',
      header: { timestamp: String(ts), signature },
      body,
      now: ts + 10,
      want: { ok: true },
    },
    {
      secret: 'other',
      header: { timestamp: String(ts), signature },
      body,
      now: ts,
      want: { ok: false, reason: 'bad_signature' },
    },
    {
      secret: 's3cret',
      header: { timestamp: String(ts), signature },
      body: body.replace('STOP', 'START'),
      now: ts,
      want: { ok: false, reason: 'bad_signature' },
    },
    {
      secret: 's3cret',
      header: { timestamp: String(ts + 1), signature },
      body,
      now: ts,
      want: { ok: false, reason: 'bad_signature' },
    },
    {
      secret: 's3cret',
      header: { timestamp: String(ts), signature },
      body,
      now: ts + 301,
      want: { ok: false, reason: 'stale' },
    },
    {
      secret: 's3cret',
      header: { timestamp: String(ts), signature },
      body,
      now: ts - 301,
      want: { ok: false, reason: 'stale' },
    },
    {
      secret: 's3cret',
      header: { timestamp: undefined, signature },
      body,
      now: ts,
      want: { ok: false, reason: 'missing' },
    },
    {
      secret: 's3cret',
      header: { timestamp: String(ts), signature: 'v1=00' },
      body,
      now: ts,
      want: { ok: false, reason: 'bad_signature' },
    },
  ];
  for (const [i, c] of cases.entries()) {
    assert.deepEqual(verifyWebhook(c.secret, c.header, c.body, c.now), c.want, `case ${i}`);
  }
});
