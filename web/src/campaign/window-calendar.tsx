import { type ReactNode, useContext, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { LoadState } from '../components/load-state.tsx';
import { I18nContext, useT } from '../i18n/i18n-context.tsx';
import { useResource } from '../use-resource.ts';
import { readLocalHours } from './read-local-hours.ts';

/** Territories the calendar route knows (src/api/windows.ts). */
export const calendarTerritories = ['FR', 'RE', 'YT', 'GP', 'MQ', 'GF', 'PM', 'BL', 'MF'] as const;

interface LocalInterval {
  localStart: string;
  localEnd: string;
}

interface Calendar {
  territories: Array<{
    territory: string;
    zones: string[];
    refused?: string;
    days: Array<{
      date: string;
      reason: string;
      holiday?: string;
      intervals: LocalInterval[];
      /** The rule pack's advice inside the intervals, as the API computes it. */
      bestSlots: LocalInterval[];
    }>;
  }>;
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Allowed sending windows of the campaign's start week, one chart per territory, local time. */
export function WindowCalendar(props: {
  api: ApiClient;
  workspaceId: string;
  start: string;
  territories: readonly string[];
}) {
  const t = useT();
  const [chosen, setChosen] = useState<readonly string[]>(
    props.territories.length > 0 ? props.territories : ['FR'],
  );
  const from = props.start.slice(0, 10);
  const to = addDays(from, 6);
  const path = `/api/workspaces/${props.workspaceId}/windows/calendar`;
  const query = { territory: chosen.join(','), from, to };
  const calendar = useResource(
    () => props.api.get<Calendar>(path, query),
    `${path}?${new URLSearchParams(query)}`,
  );
  const toggle = (code: string) =>
    setChosen(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  return (
    <section aria-labelledby="wc-title" data-testid="window-calendar">
      <h2 id="wc-title">{t('windows.title', { from, to })}</h2>
      <fieldset className="inline">
        <legend>{t('windows.territories')}</legend>
        {calendarTerritories.map((code) => (
          <label key={code} style={{ marginRight: 12 }}>
            <input
              type="checkbox"
              checked={chosen.includes(code)}
              disabled={chosen.length === 1 && chosen.includes(code)}
              onChange={() => toggle(code)}
            />{' '}
            {code}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('windows.legend')}</p>
      <LoadState
        loading={calendar.loading && !calendar.data}
        error={calendar.error}
        onRetry={calendar.reload}
      />
      {calendar.data?.territories.map((row) => (
        <TerritoryWeek key={row.territory} row={row} />
      ))}
    </section>
  );
}

function TerritoryWeek(props: { row: Calendar['territories'][number] }) {
  const t = useT();
  const { lang } = useContext(I18nContext);
  // The weekday beside each date: a closed row is then plainly a Sunday (or a holiday, starred).
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const dayOf = (date: string) => weekday.format(new Date(`${date}T12:00:00Z`));
  const { row } = props;
  const left = 90;
  const hour = 14;
  const height = 20;
  const scaleX = { left, hour };
  const hours = (list: LocalInterval[]) =>
    list.map((i) => `${i.localStart.slice(11, 16)}–${i.localEnd.slice(11, 16)}`).join(', ');
  const alt = row.days
    .map(
      (d) =>
        `${dayOf(d.date)} ${d.date}: ${hours(d.intervals) || t('windows.closed')}` +
        (d.bestSlots.length > 0 ? ` (${t('windows.best')} ${hours(d.bestSlots)})` : ''),
    )
    .join(' ; ');
  return (
    <figure className="bar-chart" data-territory={row.territory}>
      <figcaption>
        {row.territory} ({row.zones.join(', ')}){row.refused ? ` — ${row.refused}` : ''}
      </figcaption>
      <svg
        role="img"
        aria-label={`${row.territory}: ${alt}`}
        viewBox={`0 0 ${left + 24 * hour + 10} ${row.days.length * height + 18}`}
        width="100%"
        style={{ maxWidth: 560 }}
      >
        {[0, 6, 12, 18, 24].map((h) => (
          <text
            key={h}
            x={left + h * hour}
            y={row.days.length * height + 14}
            fontSize="10"
            textAnchor="middle"
            fill="#444"
          >
            {h}h
          </text>
        ))}
        {row.days.map((d, i) => (
          <g key={d.date} transform={`translate(0 ${i * height})`}>
            <text x={left - 6} y="14" fontSize="11" textAnchor="end" fill="#1a1a1a">
              {dayOf(d.date)} {d.date.slice(5)}
              {d.holiday ? ' *' : ''}
            </text>
            <rect x={left} y="4" width={24 * hour} height="12" fill="#eee" />
            {d.intervals.map((iv) => (
              <HourBar key={iv.localStart} at={iv} date={d.date} kind="allowed" {...scaleX} />
            ))}
            {d.bestSlots.map((slot) => (
              <HourBar key={slot.localStart} at={slot} date={d.date} kind="best" {...scaleX}>
                <title>{t('windows.best')}</title>
              </HourBar>
            ))}
            {d.holiday && <title>{d.holiday}</title>}
          </g>
        ))}
      </svg>
    </figure>
  );
}

const barStyles = {
  allowed: { y: 4, height: 12, fill: '#1f4fa8' },
  best: { y: 1, height: 18, fill: '#e8a317' },
} as const;

/** One local interval of a day as a bar on the 0–24 h axis (allowed hours, or a best slot). */
function HourBar(props: {
  at: LocalInterval;
  date: string;
  kind: keyof typeof barStyles;
  left: number;
  hour: number;
  children?: ReactNode;
}) {
  const [a, b] = readLocalHours(props.at.localStart, props.at.localEnd, props.date);
  return (
    <rect
      x={props.left + a * props.hour}
      width={(b - a) * props.hour}
      {...barStyles[props.kind]}
      data-kind={props.kind}
      data-local={`${props.at.localStart.slice(11, 16)}-${props.at.localEnd.slice(11, 16)}`}
    >
      {props.children}
    </rect>
  );
}
