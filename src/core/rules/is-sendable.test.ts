import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from '../phone/parse-number.ts';
import { currentWindowEnd } from './current-window-end.ts';
import { isSendable } from './is-sendable.ts';
import type { Recipient } from './recipient.ts';

type Extra = Omit<Recipient, 'number'>;
const to = (input: string, extra: Extra = {}): Recipient => ({
  number: parseNumber(input),
  ...extra,
});
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());

const numbers = {
  FR: '06 12 34 56 78',
  GP: '+590 690 00 12 34',
  MQ: '+596 696 20 12 34',
  GF: '+594 694 20 12 34',
  RE: '+262 692 12 34 56',
  YT: '+262 639 20 12 34',
  PM: '+508 55 12 34',
  WF: '+681 72 12 34',
  NC: '+687 75 12 34',
  PF: '+689 87 12 34 56',
} as const;

interface Case {
  what: string;
  recipient: Recipient;
  at: string;
  policy?: string;
  allowed: boolean;
  reason: string;
  holiday?: string;
  localTime?: string;
  next?: string | null;
  end?: string;
  warnings?: string[];
}

function check(cases: Case[]) {
  for (const c of cases) {
    const v = isSendable(c.recipient, at(c.at), c.policy);
    assert.equal(v.allowed, c.allowed, `${c.what}: allowed`);
    assert.equal(v.reason, c.reason, `${c.what}: reason`);
    if ('holiday' in c) assert.equal(v.holiday, c.holiday, `${c.what}: holiday`);
    if (c.localTime) assert.equal(v.localTime, c.localTime, `${c.what}: localTime`);
    if (c.next !== undefined) assert.equal(iso(v.nextAllowedAt), c.next, `${c.what}: next`);
    if (c.end) assert.equal(iso(v.windowEndsAt), c.end, `${c.what}: windowEndsAt`);
    if (c.warnings) assert.deepEqual(v.warnings, c.warnings, `${c.what}: warnings`);
    if (v.allowed) {
      assert.equal(v.nextAllowedAt, at(c.at), `${c.what}: allowed now`);
      assert.equal(currentWindowEnd(c.recipient, at(c.at), c.policy), v.windowEndsAt);
    } else {
      assert.equal(v.windowEndsAt, undefined, `${c.what}: no window end when refused`);
      assert.equal(currentWindowEnd(c.recipient, at(c.at), c.policy), null);
    }
  }
}

test('window boundaries are half-open, 08:00 <= local < 20:00 (FR-TIME-01)', () => {
  const fr = to(numbers.FR, { department: '75' });
  check([
    {
      what: '07:59:59',
      recipient: fr,
      at: '2026-03-28T07:59:59+01:00',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-03-28T07:00:00.000Z',
    },
    {
      what: '08:00:00',
      recipient: fr,
      at: '2026-03-28T08:00:00+01:00',
      allowed: true,
      reason: 'ok',
      end: '2026-03-28T19:00:00.000Z',
    },
    {
      what: '19:59:59',
      recipient: fr,
      at: '2026-03-28T19:59:59+01:00',
      allowed: true,
      reason: 'ok',
      localTime: '2026-03-28T19:59:59+01:00',
    },
    {
      what: '20:00:00 Saturday',
      recipient: fr,
      at: '2026-03-28T20:00:00+01:00',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-03-30T06:00:00.000Z',
    },
    {
      what: 'Sunday noon',
      recipient: fr,
      at: '2026-06-14T12:00:00+02:00',
      allowed: false,
      reason: 'sunday',
      next: '2026-06-15T06:00:00.000Z',
    },
    {
      what: 'best slot',
      recipient: fr,
      at: '2026-06-17T11:00:00+02:00',
      allowed: true,
      reason: 'ok',
      warnings: [],
    },
    {
      what: 'after best slot',
      recipient: fr,
      at: '2026-06-17T12:30:00+02:00',
      allowed: true,
      reason: 'ok',
      warnings: ['outside-best-slots'],
    },
    {
      what: 'evening slot',
      recipient: fr,
      at: '2026-06-17T19:29:59+02:00',
      allowed: true,
      reason: 'ok',
      warnings: [],
    },
  ]);
});

test('every territory uses its own zone and its own holidays (FR-TIME-03, HOL-04..07)', () => {
  const cases: Case[] = [];
  const local: Record<keyof typeof numbers, string> = {
    FR: '+02:00',
    GP: '-04:00',
    MQ: '-04:00',
    GF: '-03:00',
    RE: '+04:00',
    YT: '+03:00',
    PM: '-02:00',
    WF: '+12:00',
    NC: '+11:00',
    PF: '-10:00',
  };
  for (const [territory, offset] of Object.entries(local) as Array<
    [keyof typeof numbers, string]
  >) {
    const r = to(numbers[territory]);
    cases.push(
      {
        what: `${territory} Wednesday noon`,
        recipient: r,
        at: `2026-06-17T12:00:00${offset}`,
        allowed: true,
        reason: 'ok',
        localTime: `2026-06-17T12:00:00${offset}`,
      },
      {
        what: `${territory} 07:59`,
        recipient: r,
        at: `2026-06-17T07:59:00${offset}`,
        allowed: false,
        reason: 'outside-hours',
      },
      {
        what: `${territory} 20:00`,
        recipient: r,
        at: `2026-06-17T20:00:00${offset}`,
        allowed: false,
        reason: 'outside-hours',
      },
      {
        what: `${territory} 14 July`,
        recipient: r,
        at: `2026-07-14T12:00:00${offset}`,
        allowed: false,
        reason: 'holiday',
      },
    );
  }
  const own: Array<[keyof typeof numbers, string, string, string]> = [
    ['FR', '2026-05-14T10:00:00+02:00', 'Ascension', '2026-05-15T06:00:00.000Z'],
    ['GP', '2026-03-12T10:00:00-04:00', 'Mi-Carême', '2026-03-13T12:00:00.000Z'],
    ['GP', '2026-05-27T10:00:00-04:00', 'Abolition de l’esclavage', '2026-05-29T12:00:00.000Z'],
    ['GP', '2026-10-09T10:00:00-04:00', 'Abolition de l’esclavage', '2026-10-10T12:00:00.000Z'],
    ['MQ', '2026-05-22T10:00:00-04:00', 'Abolition de l’esclavage', '2026-05-23T12:00:00.000Z'],
    ['MQ', '2026-07-21T10:00:00-04:00', 'Fête de Victor Schœlcher', '2026-07-22T12:00:00.000Z'],
    ['GF', '2026-06-10T10:00:00-03:00', 'Abolition de l’esclavage', '2026-06-11T11:00:00.000Z'],
    ['RE', '2027-12-20T10:00:00+04:00', 'Abolition de l’esclavage', '2027-12-21T04:00:00.000Z'],
    ['YT', '2026-04-27T10:00:00+03:00', 'Abolition de l’esclavage', '2026-04-28T05:00:00.000Z'],
    ['WF', '2026-07-29T10:00:00+12:00', 'Fête du Territoire', '2026-07-29T20:00:00.000Z'],
    ['NC', '2026-09-24T10:00:00+11:00', 'Fête de la Citoyenneté', '2026-09-24T21:00:00.000Z'],
    ['PF', '2026-06-29T10:00:00-10:00', 'Fête de l’autonomie', '2026-06-30T18:00:00.000Z'],
    ['PM', '2026-05-25T10:00:00-02:00', 'Lundi de Pentecôte', '2026-05-26T10:00:00.000Z'],
  ];
  for (const [territory, when, holiday, next] of own) {
    cases.push({
      what: `${territory} ${holiday}`,
      recipient: to(numbers[territory]),
      at: when,
      allowed: false,
      reason: 'holiday',
      holiday,
      next,
    });
  }
  // Other territories' days are working days.
  cases.push(
    {
      what: 'RE on GP day',
      recipient: to(numbers.RE),
      at: '2026-05-27T10:00:00+04:00',
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'FR on RE day',
      recipient: to(numbers.FR),
      at: '2027-12-20T10:00:00+01:00',
      allowed: true,
      reason: 'ok',
    },
  );
  check(cases);
});

test('+590: union of GP, BL, MF unless the island is known (FR-NUM-04, HOL-04)', () => {
  const bl = '2026-10-09T10:00:00-04:00';
  const mf = '2026-05-28T10:00:00-04:00';
  check([
    {
      what: 'BL day, island unknown',
      recipient: to(numbers.GP),
      at: bl,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'BL day, territory GP',
      recipient: to(numbers.GP, { territory: 'GP' }),
      at: bl,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'BL day, postal code 97133',
      recipient: to(numbers.GP, { postalCode: '97133' }),
      at: bl,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'BL day, postal code 97150 (MF)',
      recipient: to(numbers.GP, { postalCode: '97150' }),
      at: bl,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'BL day, department 971',
      recipient: to(numbers.GP, { department: '971' }),
      at: bl,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'MF 28 May, unknown',
      recipient: to(numbers.GP),
      at: mf,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'MF 28 May, MF',
      recipient: to(numbers.GP, { territory: 'MF' }),
      at: mf,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'MF 27 May, MF',
      recipient: to(numbers.GP, { territory: 'MF' }),
      at: '2026-05-27T10:00:00-04:00',
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'MF 28 May, GP',
      recipient: to(numbers.GP, { territory: 'GP' }),
      at: mf,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'Mi-Carême, BL',
      recipient: to(numbers.GP, { territory: 'BL' }),
      at: '2026-03-12T10:00:00-04:00',
      allowed: true,
      reason: 'ok',
    },
  ]);
  assert.throws(
    () => isSendable(to(numbers.GP, { territory: 'RE' }), at(bl)),
    /not one of the number's territories/,
  );
  assert.deepEqual(isSendable(to(numbers.GP), at(bl)).territories, ['GP', 'BL', 'MF']);
});

test('Alsace-Moselle: Good Friday and 26 Dec for +33 unless the département is elsewhere (HOL-03)', () => {
  const goodFriday = '2026-04-03T10:00:00+02:00';
  const stephen = '2026-12-26T10:00:00+01:00';
  check([
    {
      what: 'unknown',
      recipient: to(numbers.FR),
      at: goodFriday,
      allowed: false,
      reason: 'holiday',
      holiday: 'Vendredi saint',
      next: '2026-04-04T06:00:00.000Z',
    },
    {
      what: 'Paris',
      recipient: to(numbers.FR, { department: '75' }),
      at: goodFriday,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'Corsica',
      recipient: to(numbers.FR, { department: '2a' }),
      at: goodFriday,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'Ain, one digit',
      recipient: to(numbers.FR, { department: '1' }),
      at: goodFriday,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'Bas-Rhin',
      recipient: to(numbers.FR, { department: '67' }),
      at: goodFriday,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'postal Strasbourg',
      recipient: to(numbers.FR, { postalCode: '67000' }),
      at: goodFriday,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'postal Metz',
      recipient: to(numbers.FR, { postalCode: '57000' }),
      at: goodFriday,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'postal Mulhouse',
      recipient: to(numbers.FR, { postalCode: '68100' }),
      at: goodFriday,
      allowed: false,
      reason: 'holiday',
    },
    {
      what: 'postal Lyon',
      recipient: to(numbers.FR, { postalCode: '69001' }),
      at: goodFriday,
      allowed: true,
      reason: 'ok',
    },
    {
      what: '26 Dec unknown',
      recipient: to(numbers.FR),
      at: stephen,
      allowed: false,
      reason: 'holiday',
      holiday: 'Lendemain de Noël',
    },
    {
      what: '26 Dec Paris',
      recipient: to(numbers.FR, { department: '75' }),
      at: stephen,
      allowed: true,
      reason: 'ok',
    },
    {
      what: 'Good Friday RE',
      recipient: to(numbers.RE),
      at: '2026-04-03T10:00:00+04:00',
      allowed: true,
      reason: 'ok',
    },
  ]);
  assert.throws(
    () => isSendable(to(numbers.FR, { department: '123' }), at(goodFriday)),
    /not a French département/,
  );
  assert.throws(
    () => isSendable(to(numbers.FR, { postalCode: '7500' }), at(goodFriday)),
    /not a French postal code/,
  );
  // A code of the right shape that names no département ("00", "99" abroad, 980 Monaco, 984)
  // is no evidence of living outside Alsace-Moselle: refused, not read as "elsewhere".
  for (const department of ['00', '99', '96', '980', '984']) {
    assert.throws(
      () => isSendable(to(numbers.FR, { department }), at(goodFriday)),
      /not a French département/,
      department,
    );
  }
  for (const postalCode of ['99999', '96100', '98000']) {
    assert.throws(
      () => isSendable(to(numbers.FR, { postalCode }), at(goodFriday)),
      /not a French postal code/,
      postalCode,
    );
  }
});

test('French Polynesia: the intersection of three zones (FR-NUM-04)', () => {
  const pf = to(numbers.PF);
  check([
    // 08:00 Tahiti is 08:30 Marquesas and 09:00 Gambier: all open.
    {
      what: '08:00 Tahiti',
      recipient: pf,
      at: '2026-06-17T08:00:00-10:00',
      allowed: true,
      reason: 'ok',
      end: '2026-06-18T05:00:00.000Z',
    },
    // 07:59 Gambier is 06:59 Tahiti.
    {
      what: 'before Tahiti opens',
      recipient: pf,
      at: '2026-06-17T07:59:00-09:00',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-06-17T18:00:00.000Z',
    },
    // 19:00 Tahiti is 20:00 Gambier: closed there.
    {
      what: '19:00 Tahiti',
      recipient: pf,
      at: '2026-06-17T19:00:00-10:00',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-06-17T19:00:00-10:00',
      next: '2026-06-18T18:00:00.000Z',
    },
  ]);
  assert.deepEqual(isSendable(pf, at('2026-06-17T12:00:00-10:00')).zones, [
    'Pacific/Tahiti',
    'Pacific/Marquesas',
    'Pacific/Gambier',
  ]);
});

test('an address in another territory than the number: both windows hold (FR-TIME-03)', () => {
  // A Réunion resident with a metropolitan mobile, and a Parisian with a Réunion one.
  const metroInReunion = to(numbers.FR, { postalCode: '97400' });
  const reunionInParis = to(numbers.RE, { postalCode: '75011' });
  assert.deepEqual(isSendable(metroInReunion, at('2026-12-07T10:00:00+01:00')).territories, [
    'FR',
    'RE',
  ]);
  assert.deepEqual(isSendable(reunionInParis, at('2026-12-07T10:00:00+01:00')).zones, [
    'Indian/Reunion',
    'Europe/Paris',
  ]);
  check([
    // Monday 18:00 Paris is 21:00 in Réunion: open for the number alone, not for its owner.
    {
      what: '18:00 Paris, metropolitan number alone',
      recipient: to(numbers.FR),
      at: '2026-12-07T18:00:00+01:00',
      allowed: true,
      reason: 'ok',
    },
    {
      what: '18:00 Paris, metropolitan number, Réunion address',
      recipient: metroInReunion,
      at: '2026-12-07T18:00:00+01:00',
      allowed: false,
      reason: 'outside-hours',
      // 08:00 Paris, 11:00 Réunion: the first instant both allow.
      next: '2026-12-08T07:00:00.000Z',
    },
    {
      what: '10:00 Paris, metropolitan number, Réunion address',
      recipient: metroInReunion,
      at: '2026-12-07T10:00:00+01:00',
      allowed: true,
      reason: 'ok',
      // 20:00 in Réunion comes first.
      end: '2026-12-07T16:00:00.000Z',
    },
    // Réunion's own holiday, a Monday in 2027.
    {
      what: '20 Dec, metropolitan number alone',
      recipient: to(numbers.FR),
      at: '2027-12-20T10:00:00+01:00',
      allowed: true,
      reason: 'ok',
    },
    {
      what: '20 Dec, metropolitan number, département 974',
      recipient: to(numbers.FR, { department: '974' }),
      at: '2027-12-20T10:00:00+01:00',
      allowed: false,
      reason: 'holiday',
      holiday: 'Abolition de l’esclavage',
    },
    // Monday 10:00 in Réunion is 07:00 in Paris.
    {
      what: '10:00 Réunion, Réunion number alone',
      recipient: to(numbers.RE),
      at: '2026-12-07T10:00:00+04:00',
      allowed: true,
      reason: 'ok',
    },
    {
      what: '10:00 Réunion, Réunion number, Paris address',
      recipient: reunionInParis,
      at: '2026-12-07T10:00:00+04:00',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-12-07T07:00:00.000Z',
    },
  ]);
});

test('DST transition days in Paris and Miquelon (HOL-05b)', () => {
  const fr = to(numbers.FR, { department: '75' });
  const pm = to(numbers.PM);
  check([
    // Paris, 2026-03-29: clocks go +01:00 -> +02:00 at 01:00Z; a Sunday.
    {
      what: 'Paris spring Sunday brief',
      recipient: fr,
      at: '2026-03-29T10:00:00Z',
      allowed: false,
      reason: 'sunday',
      next: '2026-03-30T06:00:00.000Z',
    },
    {
      what: 'Paris spring 07:59:59 charter',
      recipient: fr,
      at: '2026-03-29T05:59:59Z',
      policy: 'charter',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-03-29T07:59:59+02:00',
      next: '2026-03-29T06:00:00.000Z',
    },
    {
      what: 'Paris spring 08:00 charter',
      recipient: fr,
      at: '2026-03-29T06:00:00Z',
      policy: 'charter',
      allowed: true,
      reason: 'ok',
      end: '2026-03-29T19:30:00.000Z',
      warnings: ['sunday-tolerated', 'outside-best-slots'],
    },
    {
      what: 'Paris Saturday before',
      recipient: fr,
      at: '2026-03-28T18:59:59Z',
      allowed: true,
      reason: 'ok',
      end: '2026-03-28T19:00:00.000Z',
    },
    // Paris, 2026-10-25: back to +01:00.
    {
      what: 'Paris autumn 07:59:59 charter',
      recipient: fr,
      at: '2026-10-25T06:59:59Z',
      policy: 'charter',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-10-25T07:59:59+01:00',
    },
    {
      what: 'Paris autumn 08:00 charter',
      recipient: fr,
      at: '2026-10-25T07:00:00Z',
      policy: 'charter',
      allowed: true,
      reason: 'ok',
      end: '2026-10-25T20:30:00.000Z',
    },
    {
      what: 'Paris Saturday 24 Oct end',
      recipient: fr,
      at: '2026-10-24T17:59:59Z',
      allowed: true,
      reason: 'ok',
      end: '2026-10-24T18:00:00.000Z',
    },
    {
      what: 'Paris Saturday 24 Oct 20:00',
      recipient: fr,
      at: '2026-10-24T18:00:00Z',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-10-26T07:00:00.000Z',
    },
    // Miquelon, 2026-03-08: -03:00 -> -02:00 at 05:00Z (North-American DST); a Sunday.
    {
      what: 'Miquelon Saturday before',
      recipient: pm,
      at: '2026-03-07T22:59:59Z',
      allowed: true,
      reason: 'ok',
      localTime: '2026-03-07T19:59:59-03:00',
      end: '2026-03-07T23:00:00.000Z',
    },
    {
      what: 'Miquelon Saturday 20:00',
      recipient: pm,
      at: '2026-03-07T23:00:00Z',
      allowed: false,
      reason: 'outside-hours',
      next: '2026-03-09T10:00:00.000Z',
    },
    {
      what: 'Miquelon spring 07:59:59 charter',
      recipient: pm,
      at: '2026-03-08T09:59:59Z',
      policy: 'charter',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-03-08T07:59:59-02:00',
    },
    {
      what: 'Miquelon spring 08:00 charter',
      recipient: pm,
      at: '2026-03-08T10:00:00Z',
      policy: 'charter',
      allowed: true,
      reason: 'ok',
      end: '2026-03-08T23:30:00.000Z',
    },
    // Between 8 and 29 March Miquelon is 3 h behind Paris: 08:00 Paris is 05:00 there.
    {
      what: 'Miquelon 3 h behind Paris',
      recipient: pm,
      at: '2026-03-10T07:00:00Z',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-03-10T05:00:00-02:00',
    },
    // Miquelon, 2026-11-01: -02:00 -> -03:00 at 04:00Z; Sunday and Toussaint.
    {
      what: 'Miquelon Toussaint brief',
      recipient: pm,
      at: '2026-11-01T12:00:00Z',
      allowed: false,
      reason: 'holiday',
      holiday: 'Toussaint',
      next: '2026-11-02T11:00:00.000Z',
    },
    {
      what: 'Miquelon Toussaint charter 08:00',
      recipient: pm,
      at: '2026-11-01T11:00:00Z',
      policy: 'charter',
      allowed: true,
      reason: 'ok',
      holiday: 'Toussaint',
      localTime: '2026-11-01T08:00:00-03:00',
      warnings: ['holiday-tolerated', 'outside-best-slots'],
    },
    {
      what: 'Miquelon Toussaint charter 07:59',
      recipient: pm,
      at: '2026-11-01T10:59:00Z',
      policy: 'charter',
      allowed: false,
      reason: 'outside-hours',
    },
  ]);
});

test('rules.md §10: Saturday 19:59 Paris to a Réunion number is refused, winter and summer', () => {
  const re = to('0692 12 34 56');
  assert.equal(re.number.e164, '+262692123456');
  check([
    {
      what: 'winter',
      recipient: re,
      at: '2026-01-10T19:59:00+01:00',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-01-10T22:59:00+04:00',
      next: '2026-01-12T04:00:00.000Z',
    },
    {
      what: 'summer',
      recipient: re,
      at: '2026-07-11T19:59:00+02:00',
      allowed: false,
      reason: 'outside-hours',
      localTime: '2026-07-11T21:59:00+04:00',
    },
  ]);
});

test('numbers that can never receive are refused with their reason', () => {
  const noon = '2026-06-17T12:00:00+02:00';
  check([
    {
      what: 'unparsable',
      recipient: to('hello'),
      at: noon,
      allowed: false,
      reason: 'invalid-number',
      next: null,
    },
    {
      what: 'invalid',
      recipient: to('+33 692 12 34 56'),
      at: noon,
      allowed: false,
      reason: 'invalid-number',
      next: null,
    },
    {
      what: 'landline',
      recipient: to('01 45 67 89 01'),
      at: noon,
      allowed: false,
      reason: 'not-mobile',
      next: null,
    },
    {
      what: 'Comoros',
      recipient: to('+269 321 23 45'),
      at: noon,
      allowed: false,
      reason: 'no-rule-pack',
      next: null,
    },
    {
      what: 'US',
      recipient: to('+1 202 555 0143'),
      at: noon,
      allowed: false,
      reason: 'no-rule-pack',
      next: null,
    },
  ]);
});

test('custom policies inside the charter (FR-TIME-01 POLICY layer)', () => {
  const fr = to(numbers.FR, { department: '75' });
  check([
    {
      what: 'weekday only: Saturday',
      recipient: fr,
      at: '2026-06-20T12:00:00+02:00',
      policy: 'custom:09:00-19:00,mon-fri',
      allowed: false,
      reason: 'closed-day',
      next: '2026-06-22T07:00:00.000Z',
    },
    {
      what: 'weekday 18:59:59',
      recipient: fr,
      at: '2026-06-19T18:59:59+02:00',
      policy: 'custom:09:00-19:00,mon-fri',
      allowed: true,
      reason: 'ok',
      end: '2026-06-19T17:00:00.000Z',
    },
    {
      what: 'weekday 19:00',
      recipient: fr,
      at: '2026-06-19T19:00:00+02:00',
      policy: 'custom:09:00-19:00,mon-fri',
      allowed: false,
      reason: 'outside-hours',
    },
    {
      what: 'Sunday tolerated',
      recipient: fr,
      at: '2026-06-21T12:00:00+02:00',
      policy: 'custom:10:00-18:00,mon-sun,holidays',
      allowed: true,
      reason: 'ok',
      warnings: ['sunday-tolerated'],
    },
    {
      what: 'holiday blocked by default',
      recipient: fr,
      at: '2026-07-14T12:00:00+02:00',
      policy: 'custom:10:00-18:00,mon-sun',
      allowed: false,
      reason: 'holiday',
      holiday: 'Fête Nationale de la France',
    },
  ]);
});
