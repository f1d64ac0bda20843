import { type FormEvent, useState } from 'react';
import { BreakdownCharts } from '../audience/breakdown-charts.tsx';
import { FilterBuilder, newFilterRow } from '../audience/filter-builder.tsx';
import type { FilterRow } from '../audience/filter-rows.ts';
import { useAudienceCount } from '../audience/use-audience-count.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { LoadState } from '../components/load-state.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

/** Filter builder with the live count and breakdown bars; save it as an audience. */
export function AudiencesScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/audiences`;
  const [rows, setRows] = useState<FilterRow[]>([newFilterRow()]);
  const { count, errors, filter } = useAudienceCount(props.api, props.workspaceId, rows);
  const saved = useResource(
    () => props.api.get<{ items: { name: string; updatedAt: string }[] }>(base),
    base,
  );
  const [name, setName] = useState('');
  const [saveErrors, setSaveErrors] = useState<Record<string, string>>({});
  const [savedNote, setSavedNote] = useState('');

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await props.api.post(base, { name, filter });
      setSaveErrors({});
      setSavedNote(t('audience.saved', { name }));
      saved.reload();
    } catch (error) {
      setSaveErrors(readFieldErrors(error));
    }
  }

  const n = (x: number) => x.toLocaleString(document.documentElement.lang);
  return (
    <section aria-labelledby="aud-title">
      <h1 id="aud-title">{t('nav.audiences')}</h1>
      <div className="two-cols">
        <div>
          <h2>{t('audience.criteria')}</h2>
          <FilterBuilder rows={rows} onChange={setRows} errors={errors.rows} />
          {errors.form && (
            <p className="field-error" role="alert">
              {errors.form}
            </p>
          )}
        </div>
        <div className="count-panel" aria-live="polite">
          <h2>{t('audience.liveCount')}</h2>
          {count ? (
            <dl className="figures">
              <dt>{t('audience.reachable')}</dt>
              <dd data-testid="reachable">{n(count.reachable)}</dd>
              <dt>{t('audience.matched')}</dt>
              <dd data-testid="matched">{n(count.matched)}</dd>
              <dt>{t('audience.excludedSuppressed')}</dt>
              <dd>{n(count.excluded.suppressed)}</dd>
              <dt>{t('audience.excludedNoConsent')}</dt>
              <dd>{n(count.excluded.noConsent)}</dd>
            </dl>
          ) : Object.keys(errors.rows).length > 0 || errors.form !== '' ? (
            <p className="muted" data-testid="count-blocked">
              {t('audience.fixToCount')}
            </p>
          ) : (
            <p className="muted">{t('app.loading')}</p>
          )}
        </div>
      </div>
      {count && <BreakdownCharts breakdown={count.breakdown} />}
      <form className="card" onSubmit={save}>
        <h2>{t('audience.save')}</h2>
        <FormErrors errors={saveErrors} fields={['name']} />
        <Field label={t('audience.name')} error={saveErrors.name}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="primary">
          {t('audience.save')}
        </button>
        {savedNote && <p role="status">{savedNote}</p>}
      </form>
      <h2>{t('audience.savedList')}</h2>
      <LoadState loading={saved.loading} error={saved.error} onRetry={saved.reload} />
      <ul>
        {saved.data?.items.map((a) => (
          <li key={a.name}>{a.name}</li>
        ))}
      </ul>
    </section>
  );
}
