import { Field } from '../components/field.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** The consent evidence of a whole file, by its `consent_*` column names (the API's query). */
export type ConsentEvidence = Partial<Record<ConsentColumn, string>>;
type ConsentColumn =
  | 'consent_basis'
  | 'consent_mechanism'
  | 'consent_wording'
  | 'consent_collected_at'
  | 'consent_form_url'
  | 'consent_customer_purchase'
  | 'consent_objection_offered';

const bases = ['opt_in', 'soft_opt_in', 'b2b', 'non_commercial'] as const;
const mechanisms = ['unticked_checkbox', 'double_opt_in', 'signed_form', 'keyword'] as const;

/**
 * How the contacts of a file consented, once for the whole file, for the rows that leave the
 * columns blank: most CRM exports carry none, and without it the import refuses the file
 * (FR-CONS-06). The same evidence as the CLI's `--consent-…` options.
 */
export function ConsentEvidenceFields(props: {
  value: ConsentEvidence;
  onChange: (value: ConsentEvidence) => void;
}) {
  const t = useT();
  const v = props.value;
  const set = (column: ConsentColumn, text: string) =>
    props.onChange({ ...v, [column]: text === '' ? undefined : text });
  const basis = v.consent_basis ?? '';
  // One control per column, each in its labelled Field; the option words are `consent.<column>.<code>`.
  const choice = (
    column: ConsentColumn,
    label: string,
    codes: readonly string[],
    words: string,
  ) => (
    <Field label={label}>
      {(a) => (
        <select {...a} value={v[column] ?? ''} onChange={(e) => set(column, e.target.value)}>
          <option value="">{t('consent.fromFile')}</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {t(`${words}.${code}` as MessageKey)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const text = (column: ConsentColumn, label: string, type: 'date' | 'url') => (
    <Field label={label}>
      {(a) => (
        <input
          {...a}
          type={type}
          value={v[column] ?? ''}
          onChange={(e) => set(column, e.target.value)}
        />
      )}
    </Field>
  );
  const yes = (column: ConsentColumn, label: string) => (
    <label className="check-line">
      <input
        type="checkbox"
        checked={v[column] === 'true'}
        onChange={(e) => set(column, e.target.checked ? 'true' : '')}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="consent-evidence">
      <legend>{t('consent.legend')}</legend>
      <p className="hint">{t('consent.hint')}</p>
      {choice('consent_basis', t('consent.basis'), bases, 'consent.basis')}
      {choice('consent_mechanism', t('consent.mechanism'), mechanisms, 'consent.mechanism')}
      <Field label={t('consent.wording')} hint={t('consent.wordingHint')}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={v.consent_wording ?? ''}
            onChange={(e) => set('consent_wording', e.target.value)}
          />
        )}
      </Field>
      {text('consent_collected_at', t('consent.collectedAt'), 'date')}
      {text('consent_form_url', t('consent.formUrl'), 'url')}
      {basis === 'soft_opt_in' && yes('consent_customer_purchase', t('consent.purchase'))}
      {basis !== '' &&
        basis !== 'opt_in' &&
        yes('consent_objection_offered', t('consent.objection'))}
    </fieldset>
  );
}
