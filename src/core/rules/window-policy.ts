import { DomainError } from '../domain-error.ts';
import type { DayRule, RulePack, WindowLayer } from './rule-pack.ts';

/** A policy resolved against a pack: its spec as given and the layer it stands for. */
export interface WindowPolicy {
  readonly spec: string;
  readonly layer: WindowLayer;
}

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const cache = new Map<string, WindowPolicy>();

/**
 * A policy by name ('brief', 'charter') or custom spec, e.g.
 * `custom:09:00-19:00,mon-fri,noholidays`: hours HH:MM-HH:MM (half-open), then day items
 * (`mon-fri`, `sat`, ranges wrap: `sat-mon`; none listed = mon-sat), then `noholidays`
 * (default) or `holidays`. It must lie inside the pack's floor (the AF2M charter for FR): a
 * looser one is refused. Days and holidays the floor only tolerates stay tolerated (warning).
 */
export function parseWindowPolicy(spec: string | undefined, pack: RulePack): WindowPolicy {
  const name = spec ?? pack.defaultPolicy;
  const key = `${pack.id}|${name}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const named = pack.policies[name];
  let layer: WindowLayer;
  if (named) layer = named;
  else if (name.startsWith('custom:')) layer = parseCustom(name, pack);
  else {
    throw new DomainError(
      'invalid_input',
      `unknown policy '${name}'; expected ${Object.keys(pack.policies).join(', ')} or custom:HH:MM-HH:MM[,mon-fri][,noholidays|holidays]`,
      { policy: name },
    );
  }
  const policy = { spec: name, layer };
  cache.set(key, policy);
  return policy;
}

function parseCustom(spec: string, pack: RulePack): WindowLayer {
  const bad = (why: string): never => {
    throw new DomainError('invalid_input', `custom policy '${spec}': ${why}`, { policy: spec });
  };
  const [hoursItem = '', ...items] = spec
    .slice('custom:'.length)
    .split(',')
    .map((s) => s.trim().toLowerCase());
  const hours = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hoursItem);
  if (!hours) return bad(`hours '${hoursItem}' are not HH:MM-HH:MM`);
  const [start, end] = [toMinutes(hours[1], hours[2]), toMinutes(hours[3], hours[4])];
  if (start === null || end === null) return bad(`hours '${hoursItem}' are not valid times`);
  if (start >= end) return bad(`the window must end after it starts ('${hoursItem}')`);
  const floor = pack.floor;
  if (start < floor.hours.start || end > floor.hours.end) {
    return bad(
      `${hoursItem} is looser than the ${pack.id} floor ${formatMinutes(floor.hours.start)}-${formatMinutes(floor.hours.end)} (operators' charter); choose hours inside it`,
    );
  }
  const days = new Set<number>();
  let holiday: DayRule = 'blocked';
  for (const item of items) {
    if (item === 'holidays') holiday = floor.holiday;
    else if (item === 'noholidays') holiday = 'blocked';
    else for (const d of parseDays(item) ?? bad(`unknown item '${item}'`)) days.add(d);
  }
  if (days.size === 0) for (const d of [1, 2, 3, 4, 5, 6]) days.add(d);
  const weekdays = floor.weekdays.map((rule, d) => (days.has(d) ? rule : 'blocked'));
  return {
    hours: { start, end },
    weekdays: weekdays as unknown as WindowLayer['weekdays'],
    holiday: holiday === 'blocked' || floor.holiday === 'blocked' ? 'blocked' : holiday,
  };
}

function parseDays(item: string): number[] | null {
  const [from, to = from] = item.split('-');
  const a = dayNames.indexOf(from as (typeof dayNames)[number]);
  const b = dayNames.indexOf(to as (typeof dayNames)[number]);
  if (a < 0 || b < 0) return null;
  const days = [a];
  for (let d = a; d !== b; ) {
    d = (d + 1) % 7;
    days.push(d);
  }
  return days;
}

function toMinutes(h: string | undefined, m: string | undefined): number | null {
  const hh = Number(h);
  const mm = Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return hh * 60 + mm;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
