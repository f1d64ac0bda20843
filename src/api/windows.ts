import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { buildCalendar, parseDate } from '../services/window.ts';
import { defineOperation } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

/**
 * A mobile number of each territory (libphonenumber-js examples): the calendar of a territory is
 * the calendar of any of its mobiles, so the route asks the window service for this one.
 */
const sampleMobiles: Readonly<Record<string, string>> = {
  FR: '+33612345678',
  RE: '+262692123456',
  YT: '+262639012345',
  GP: '+590690001234',
  MQ: '+596696201234',
  GF: '+594694201234',
  PM: '+508551234',
  BL: '+590690001234',
  MF: '+590690001234',
};
const maxDays = 31;

const calendarQuery = z.object({
  territory: z
    .string()
    .default('FR')
    .describe(`Comma-separated territories: ${Object.keys(sampleMobiles).join(', ')}`),
  from: z.string().describe('First local date, YYYY-MM-DD'),
  to: z.string().describe('Last local date (included), YYYY-MM-DD'),
  policy: z.string().optional().describe('brief (default), charter or custom:<spec>'),
});

const interval = z.object({
  start: z.string(),
  end: z.string(),
  localStart: z.string(),
  localEnd: z.string(),
});

const calendarView = z
  .object({
    from: z.string(),
    to: z.string(),
    territories: z.array(
      z.object({
        territory: z.string(),
        zones: z.array(z.string()),
        policy: z.string(),
        refused: z.string().optional(),
        days: z.array(
          z.object({
            date: z.string(),
            reason: z.string(),
            holiday: z.string().optional(),
            intervals: z.array(interval),
            bestSlots: z
              .array(interval)
              .describe("The rule pack's advice: best local slots inside the day's intervals"),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'WindowCalendar' });

export const getWindowCalendar = defineOperation({
  summary: 'Allowed sending windows per territory, day by day (rules.md §4, FR-TIME-*)',
  description:
    'For each territory (a comma-separated list), the intervals a marketing SMS may leave in, ' +
    `in UTC and in local time, between two local dates (at most ${maxDays} days).`,
  tag: 'windows',
  auth: 'workspace',
  permission: { resource: 'campaign', action: 'read' },
  params: workspaceParams,
  query: calendarQuery,
  response: calendarView,
  async handle({ query }) {
    const from = parseDate(query.from, 'from');
    const to = parseDate(query.to, 'to');
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days < 1 || days > maxDays) {
      throw new DomainError(
        'invalid_input',
        `to: '${to}' must be on or after from '${from}' and at most ${maxDays} days later`,
        { from, to },
      );
    }
    const codes = [...new Set(query.territory.split(',').map((t) => t.trim().toUpperCase()))];
    const unknown = codes.filter((t) => sampleMobiles[t] === undefined);
    if (unknown.length > 0 || codes.length === 0) {
      throw new DomainError(
        'invalid_input',
        `territory: '${unknown.join(',')}' is not supported; use ${Object.keys(sampleMobiles).join(', ')}`,
        { territory: query.territory },
      );
    }
    const territories = codes.map((territory) => {
      const policy = query.policy === undefined ? {} : { policy: query.policy };
      const r = buildCalendar({
        to: sampleMobiles[territory],
        territory,
        from,
        toDate: to,
        ...policy,
      });
      return {
        territory,
        zones: [...r.zones],
        policy: r.policy,
        ...(r.refused === undefined ? {} : { refused: r.refused }),
        days: r.days,
      };
    });
    return { from, to, territories };
  },
});
