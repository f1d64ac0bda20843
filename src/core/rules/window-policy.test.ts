import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frenchRulePack } from './fr.ts';
import { parseWindowPolicy } from './window-policy.ts';

test('named and custom policies resolve to layers (FR-TIME-01)', () => {
  const cases: Array<[string | undefined, number, number, string, string]> = [
    // spec, start, end (minutes), weekdays Sun..Sat as letters, holiday rule
    [undefined, 480, 1200, 'baaaaaa', 'blocked'],
    ['brief', 480, 1200, 'baaaaaa', 'blocked'],
    ['charter', 480, 1290, 'taaaaaa', 'tolerated'],
    ['custom:09:00-19:00', 540, 1140, 'baaaaaa', 'blocked'],
    ['custom:09:00-19:00,mon-fri,noholidays', 540, 1140, 'baaaaab', 'blocked'],
    ['custom:08:00-21:30,mon-sun,holidays', 480, 1290, 'taaaaaa', 'tolerated'],
    ['custom:10:00-12:00,sat-mon', 600, 720, 'tabbbba', 'blocked'],
    ['custom:10:00-12:00, Tue , THU', 600, 720, 'bbababb', 'blocked'],
  ];
  for (const [spec, start, end, days, holiday] of cases) {
    const { layer } = parseWindowPolicy(spec, frenchRulePack);
    assert.equal(layer.hours.start, start, spec);
    assert.equal(layer.hours.end, end, spec);
    assert.equal(layer.weekdays.map((d) => d[0]).join(''), days, spec);
    assert.equal(layer.holiday, holiday, spec);
  }
});

test('bad or looser-than-charter policies are clear input errors', () => {
  const cases: Array<[string, RegExp]> = [
    ['nightly', /unknown policy 'nightly'/],
    ['custom:07:00-20:00', /looser than the FR floor 08:00-21:30/],
    ['custom:08:00-22:00', /looser than the FR floor/],
    ['custom:09:00', /not HH:MM-HH:MM/],
    ['custom:19:00-09:00', /must end after it starts/],
    ['custom:09:00-19:75', /not valid times/],
    ['custom:09:00-19:00,weekends', /unknown item 'weekends'/],
  ];
  for (const [spec, message] of cases) {
    assert.throws(
      () => parseWindowPolicy(spec, frenchRulePack),
      (e: Error & { code?: string }) => e.code === 'invalid_input' && message.test(e.message),
      spec,
    );
  }
});
