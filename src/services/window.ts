import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { parseNumber } from '../core/phone/parse-number.ts';
import { bestSlotIntervals } from '../core/rules/best-slot-intervals.ts';
import { formatZoneTime } from '../core/rules/format-zone-time.ts';
import { isSendable, type WindowReason, type WindowWarning } from '../core/rules/is-sendable.ts';
import type { Recipient } from '../core/rules/recipient.ts';
import { rulePacks } from '../core/rules/rule-packs.ts';
import { buildWindowCalendar } from '../core/rules/window-calendar.ts';
import { parseWindowPolicy } from '../core/rules/window-policy.ts';
import { invalid } from './number.ts';

const text = (what: string) =>
  z.string({ error: (i) => (i.input === undefined ? 'is required' : `must be ${what}`) });

const recipientFields = {
  to: text('a phone number'),
  department: text('a département code, e.g. 75, 2A, 974').optional(),
  postalCode: text('a 5-digit postal code')
    .regex(/^\d{5}$/, 'must be a 5-digit postal code')
    .optional(),
  territory: text('an ISO territory code, e.g. BL').optional(),
  policy: text('brief, charter or custom:<spec>').optional(),
  region: text('a two-letter ISO region')
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO region')
    .optional(),
};

/** `window check` request: CLI options or an NDJSON line. */
export const windowCheckRequest = z.strictObject({
  ...recipientFields,
  at: text('an ISO 8601 instant'),
});

/** `window calendar` request. */
export const windowCalendarRequest = z.strictObject({
  ...recipientFields,
  from: text('a date YYYY-MM-DD'),
  toDate: text('a date YYYY-MM-DD'),
});

export interface WindowCheckResult {
  to: string | null;
  allowed: boolean;
  reason: WindowReason;
  holiday?: string;
  localTime: string | null;
  zones: readonly string[];
  territories: readonly string[];
  nextAllowedAt: string | null;
  windowEndsAt?: string;
  warnings: WindowWarning[];
  policy: string;
}

type Label = (field: string) => string;

/**
 * May a marketing SMS leave for this number at this instant (rules.md §4)? Bad input
 * (unparsable number, instant without offset, impossible date, unknown or too loose policy)
 * throws DomainError('invalid_input'); a refusal is a result with its reason.
 */
export function checkWindow(input: unknown, label: Label = (f) => f): WindowCheckResult {
  const parsed = windowCheckRequest.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, label);
  const request = parsed.data;
  const instant = parseInstant(request.at, label('at'));
  const recipient = buildRecipient(request, label);
  const policy = checkPolicy(request.policy, recipient);
  const v = isSendable(recipient, instant, request.policy);
  const result: WindowCheckResult = {
    to: recipient.number.e164,
    allowed: v.allowed,
    reason: v.reason,
    ...(v.holiday === undefined ? {} : { holiday: v.holiday }),
    localTime: v.localTime,
    zones: v.zones,
    territories: v.territories,
    nextAllowedAt: v.nextAllowedAt === null ? null : new Date(v.nextAllowedAt).toISOString(),
    ...(v.windowEndsAt === undefined
      ? {}
      : { windowEndsAt: new Date(v.windowEndsAt).toISOString() }),
    warnings: v.warnings,
    policy,
  };
  return result;
}

export interface WindowCalendarResult {
  to: string | null;
  zones: readonly string[];
  territories: readonly string[];
  policy: string;
  /** Set when the number can never receive: invalid-number, not-mobile or no-rule-pack. */
  refused?: WindowReason;
  days: Array<{
    date: string;
    reason: string;
    holiday?: string;
    intervals: CalendarInterval[];
    /** The rule pack's advice (best local slots) inside that day's intervals. */
    bestSlots: CalendarInterval[];
  }>;
}

interface CalendarInterval {
  start: string;
  end: string;
  localStart: string;
  localEnd: string;
}

const dayMs = 86_400_000;

/** The allowed intervals of a recipient, day by day between two local dates (both included). */
export function buildCalendar(input: unknown, label: Label = (f) => f): WindowCalendarResult {
  const parsed = windowCalendarRequest.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, label);
  const request = parsed.data;
  const from = parseDate(request.from, label('from'));
  const toDate = parseDate(request.toDate, label('toDate'));
  const recipient = buildRecipient(request, label);
  const policy = checkPolicy(request.policy, recipient);
  const probe = isSendable(recipient, Date.parse(`${from}T12:00:00Z`), request.policy);
  const days = buildWindowCalendar(recipient, from, toDate, request.policy);
  const result: WindowCalendarResult = {
    to: recipient.number.e164,
    zones: probe.zones,
    territories: probe.territories,
    policy,
    days: [],
  };
  if (days === null) {
    result.refused = probe.reason;
    return result;
  }
  const zone = probe.zones[0] as string;
  const show = (i: { start: number; end: number }): CalendarInterval => ({
    start: new Date(i.start).toISOString(),
    end: new Date(i.end).toISOString(),
    localStart: formatZoneTime(zone, i.start),
    localEnd: formatZoneTime(zone, i.end),
  });
  // Best slots lie inside the allowed intervals (same layer, hours clipped): each goes to the
  // day whose interval holds it. A day of margin covers every zone offset.
  const best = bestSlotIntervals(
    recipient,
    Date.parse(`${from}T00:00:00Z`) - dayMs,
    Date.parse(`${toDate}T00:00:00Z`) + 2 * dayMs,
    request.policy,
  );
  result.days = days.map((d) => ({
    date: d.date,
    reason: d.reason,
    ...(d.holiday === undefined ? {} : { holiday: d.holiday }),
    intervals: d.intervals.map(show),
    bestSlots: best
      .filter((b) => d.intervals.some((i) => b.start >= i.start && b.start < i.end))
      .map(show),
  }));
  return result;
}

function buildRecipient(
  request: {
    to: string;
    region?: string;
    department?: string;
    postalCode?: string;
    territory?: string;
  },
  label: Label,
): Recipient {
  if (request.department !== undefined && request.postalCode !== undefined) {
    throw new DomainError(
      'invalid_input',
      `give ${label('department')} or ${label('postalCode')}, not both`,
    );
  }
  const number = parseNumber(request.to, (request.region ?? 'FR').toUpperCase());
  if (number.reason === 'unparsable') {
    throw new DomainError(
      'invalid_input',
      `${label('to')}: '${request.to}' is not a phone number`,
      { to: request.to },
    );
  }
  const recipient: { -readonly [K in keyof Recipient]: Recipient[K] } = { number };
  if (request.department !== undefined) recipient.department = request.department;
  if (request.postalCode !== undefined) recipient.postalCode = request.postalCode;
  if (request.territory !== undefined) recipient.territory = request.territory.toUpperCase();
  return recipient;
}

/** The policy must exist in the recipient's pack, or in some pack when the number has none. */
function checkPolicy(spec: string | undefined, recipient: Recipient): string {
  const own = rulePacks.find((p) => p.id === recipient.number.rulePack);
  const packs = own ? [own] : rulePacks;
  let error: unknown;
  for (const pack of packs) {
    try {
      return parseWindowPolicy(spec, pack).spec;
    } catch (e) {
      error = e;
    }
  }
  throw error;
}

const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 instant with an explicit offset; impossible dates (2026-02-30) are refused. */
export function parseInstant(value: string, name: string): number {
  const m = instantPattern.exec(value.trim());
  if (!m) {
    throw new DomainError(
      'invalid_input',
      `${name}: '${value}' is not an ISO 8601 instant with an offset, e.g. 2026-03-28T19:59:00+01:00 or ...Z`,
      { [name]: value },
    );
  }
  checkDate(Number(m[1]), Number(m[2]), Number(m[3]), name, value);
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
    throw new DomainError('invalid_input', `${name}: '${value}' is not a valid time of day`, {
      [name]: value,
    });
  }
  const offset = m[7] as string;
  if (/^[+-]/.test(offset) && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(-2)) > 59)) {
    throw new DomainError(
      'invalid_input',
      `${name}: offset '${offset}' is not a valid UTC offset`,
      { [name]: value },
    );
  }
  const normalized = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(normalized);
}

/** A calendar date YYYY-MM-DD that exists. */
export function parseDate(value: string, name: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m)
    throw new DomainError('invalid_input', `${name}: '${value}' is not a date YYYY-MM-DD`, {
      [name]: value,
    });
  checkDate(Number(m[1]), Number(m[2]), Number(m[3]), name, value);
  return m[0];
}

function checkDate(year: number, month: number, day: number, name: string, value: string): void {
  const last = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > last) {
    throw new DomainError('invalid_input', `${name}: '${value}' is not a real date`, {
      [name]: value,
    });
  }
}
