import { useContext } from 'react';
import type { MessageKey } from '../i18n/fr.ts';
import { I18nContext, useT } from '../i18n/i18n-context.tsx';
import { plainProblem } from '../plain-problem.ts';
import { type FilterFieldName, filterFields } from './filter-fields.ts';
import type { FilterRow } from './filter-rows.ts';

const fieldNames = Object.keys(filterFields) as FilterFieldName[];

export function newFilterRow(field: FilterFieldName = 'department'): FilterRow {
  return { field, op: filterFields[field].operators[0], value: '', to: '' };
}

/**
 * Criteria over every targeting field, one fieldset each (field, operator, value), all labelled
 * and keyboard-usable; the API's problem for a row is shown inside that row.
 */
export function FilterBuilder(props: {
  rows: FilterRow[];
  onChange: (rows: FilterRow[]) => void;
  errors?: Record<number, string>;
}) {
  const t = useT();
  const { lang } = useContext(I18nContext);
  const set = (i: number, patch: Partial<FilterRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="filter-builder">
      {props.rows.map((r, i) => {
        const spec = filterFields[r.field];
        const errorId = `criterion-${i}-error`;
        const invalid = props.errors?.[i] !== undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <fieldset key={i} className="criterion" aria-describedby={invalid ? errorId : undefined}>
            <legend>{t('audience.criterion', { n: i + 1 })}</legend>
            <label>
              {t('audience.field')}
              <select
                value={r.field}
                onChange={(e) => {
                  const field = e.target.value as FilterFieldName;
                  set(i, { field, op: filterFields[field].operators[0], value: '', to: '' });
                }}
              >
                {fieldNames.map((f) => (
                  <option key={f} value={f}>
                    {t(`field.${f}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('audience.op')}
              <select value={r.op} onChange={(e) => set(i, { op: e.target.value })}>
                {spec.operators.map((op) => (
                  <option key={op} value={op}>
                    {t(`op.${op}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            {r.op !== 'exists' && (
              <label>
                {r.op === 'between' ? t('audience.from') : t('audience.value')}
                <input
                  value={r.value}
                  aria-invalid={invalid || undefined}
                  placeholder={
                    ['in', 'anyOf', 'allOf'].includes(r.op) ? t('audience.listHint') : ''
                  }
                  onChange={(e) => set(i, { value: e.target.value })}
                />
              </label>
            )}
            {r.op === 'between' && (
              <label>
                {t('audience.to')}
                <input value={r.to} onChange={(e) => set(i, { to: e.target.value })} />
              </label>
            )}
            <button
              type="button"
              onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
              aria-label={t('audience.removeN', { n: i + 1 })}
            >
              {t('audience.remove')}
            </button>
            {invalid && (
              <p className="field-error" id={errorId} role="alert">
                {plainProblem(props.errors?.[i] ?? '', lang)}
              </p>
            )}
          </fieldset>
        );
      })}
      <button type="button" onClick={() => props.onChange([...props.rows, newFilterRow()])}>
        {t('audience.add')}
      </button>
    </div>
  );
}
