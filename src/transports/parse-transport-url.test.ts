import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../core/domain-error.ts';
import { parseTransportUrl } from './parse-transport-url.ts';

test('parses every transport URL form', () => {
  const cases = [
    { url: 'simulator', want: { kind: 'simulator' } },
    {
      url: 'smpp://texto:s3cret@smsc.example.fr:2775?tps=30&window=20&binds=3&long=sar',
      want: {
        kind: 'smpp',
        host: 'smsc.example.fr',
        port: 2775,
        systemId: 'texto',
        password: 's3cret',
        systemType: '',
        tps: 30,
        window: 20,
        binds: 3,
        long: 'sar',
        bindMode: 'transceiver',
        ids: 'same',
        tls: false,
      },
    },
    {
      url: 'smpp://acc%40x:p%26w@127.0.0.1',
      want: {
        kind: 'smpp',
        host: '127.0.0.1',
        port: 2775,
        systemId: 'acc@x',
        password: 'p&w',
        systemType: '',
        tps: 100,
        window: 10,
        binds: 1,
        long: 'udh',
        bindMode: 'transceiver',
        ids: 'same',
        tls: false,
      },
    },
    {
      url: 'smpps://a:b@[::1]:3551?bind=tx-rx&ids=hex-dec&system_type=VMA',
      want: {
        kind: 'smpp',
        host: '::1',
        port: 3551,
        systemId: 'a',
        password: 'b',
        systemType: 'VMA',
        tps: 100,
        window: 10,
        binds: 1,
        long: 'udh',
        bindMode: 'transmitter-receiver',
        ids: 'hex-dec',
        tls: true,
      },
    },
    {
      url: 'kannel+http://127.0.0.1:13013/cgi-bin/sendsms?username=u&password=p',
      want: {
        kind: 'kannel',
        sendUrl: 'http://127.0.0.1:13013/cgi-bin/sendsms',
        username: 'u',
        password: 'p',
      },
    },
    {
      url: 'kannel+https://k.example/cgi-bin/sendsms?username=u&password=&smsc=orange',
      want: {
        kind: 'kannel',
        sendUrl: 'https://k.example/cgi-bin/sendsms',
        username: 'u',
        password: '',
        smsc: 'orange',
      },
    },
    {
      url: 'webhook+https://api.provider.example/v1/sms',
      want: { kind: 'webhook', url: 'https://api.provider.example/v1/sms' },
    },
    {
      url: 'webhook+http://127.0.0.1:9000/sms',
      want: { kind: 'webhook', url: 'http://127.0.0.1:9000/sms' },
    },
  ];
  for (const c of cases) assert.deepEqual(parseTransportUrl(c.url), c.want, c.url);
});

test('refuses bad URLs with a clear message and never echoes the password', () => {
  const cases = [
    { url: 'smtp://x', match: /unknown transport scheme 'smtp:'/ },
    { url: 'nonsense', match: /not a URL/ },
    { url: 'smpp://127.0.0.1:2775', match: /SYSTEM_ID/ },
    { url: 'smpp://a:b@h?tps=0', match: /tps=0 must be an integer from 1/ },
    { url: 'smpp://a:b@h?window=ten', match: /window=ten/ },
    { url: 'smpp://a:b@h?long=concat', match: /long=concat/ },
    { url: 'smpp://a:b@h?speed=1', match: /unknown parameter\(s\) speed/ },
    { url: 'smpp://a:b@h?ids=oct', match: /ids=oct/ },
    { url: 'smpp://a:toolongpassword@h', match: /at most 8/ },
    { url: 'kannel+http://h:13013/cgi-bin/sendsms', match: /username=U&password=P/ },
  ];
  for (const c of cases) {
    assert.throws(
      () => parseTransportUrl(c.url),
      (e: unknown) => isDomainError(e) && e.code === 'invalid_input' && c.match.test(e.message),
      c.url,
    );
  }
  assert.throws(
    () => parseTransportUrl('bogus://user:hunter2@x'),
    (e: Error) => !e.message.includes('hunter2'),
  );
  // A password with an unencoded / is not a URL: still not echoed.
  assert.throws(
    () => parseTransportUrl('smpp://texto:se/cret@127.0.0.1:2775'),
    (e: Error) => /not a URL/.test(e.message) && !e.message.includes('se/cret'),
  );
  // A malformed percent-encoding names the part, not its value.
  assert.throws(
    () => parseTransportUrl('smpp://te%ZZxto:p%ZZw@h:2775'),
    (e: Error) =>
      /TEXTO_TRANSPORT: the system id has a malformed percent-encoding/.test(e.message) &&
      !e.message.includes('p%ZZw'),
  );
});
