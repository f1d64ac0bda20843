import { useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { LoadState } from '../components/load-state.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { useResource } from '../use-resource.ts';
import { readLocalHours } from './read-local-hours.ts';

/** Territories the calendar route knows (src/api/windows.ts). */
export const calendarTerritories = ['FR', 'RE', 'YT', 'GP', 'MQ', 'GF', 'PM', 'BL', 'MF'] as const;
/** The rule pack's advice (src/core/rules/fr.ts `advice`), in local hours: the best slots. */
const bestSlots = [
  [11, 12.5],
  [18, 19.5],
] as const;

interface Calendar {
  territories: Array<{
    territory: string;
    zones: string[];
    refused?: string;
    days: Array<{
      date: string;
      reason: string;
      holiday?: string;
      intervals: Array<{ localStart: string; localEnd: string }>;
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
  const { row } = props;
  const left = 90;
  const hour = 14;
  const height = 20;
  const alt = row.days
    .map(
      (d) =>
        `${d.date}: ${d.intervals.map((i) => `${i.localStart.slice(11, 16)}–${i.localEnd.slice(11, 16)}`).join(', ') || t('windows.closed')}`,
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
              {d.date.slice(5)}
              {d.holiday ? ' *' : ''}
            </text>
            <rect x={left} y="4" width={24 * hour} height="12" fill="#eee" />
            {d.intervals.map((iv) => {
              const [a, b] = readLocalHours(iv.localStart, iv.localEnd, d.date);
              return (
                <g key={iv.localStart}>
                  <rect
                    x={left + a * hour}
                    y="4"
                    width={(b - a) * hour}
                    height="12"
                    fill="#1f4fa8"
                    data-kind="allowed"
                  />
                  {bestSlots
                    .filter(([s, e]) => s < b && e > a)
                    .map(([s, e]) => (
                      <rect
                        key={s}
                        x={left + Math.max(s, a) * hour}
                        y="1"
                        width={(Math.min(e, b) - Math.max(s, a)) * hour}
                        height="18"
                        fill="#e8a317"
                        data-kind="best"
                      >
                        <title>{t('windows.best')}</title>
                      </rect>
                    ))}
                </g>
              );
            })}
            {d.holiday && <title>{d.holiday}</title>}
          </g>
        ))}
      </svg>
    </figure>
  );
}
