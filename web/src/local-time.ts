/**
 * An instant as the person at the screen reads it: in the browser's time zone, written
 * `2026-12-06 10:00` (sortable, as the tables use it), with the zone when asked
 * (`2026-12-06 10:00 UTC+1`). The API speaks UTC; shown as it is, a start typed as 10:00 read
 * back as 09:00.
 */
export function localTime(iso: string | null | undefined, withZone = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withZone ? `${text} ${zoneOf(d)}` : text;
}

/** `UTC+1`, `UTC-10`, `UTC+5:30`, `UTC`: the browser's offset at that instant. */
function zoneOf(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}
