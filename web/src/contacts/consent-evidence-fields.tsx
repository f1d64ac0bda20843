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
  return (
    <fieldset className="consent-evidence">
      <legend>{t('consent.legend')}</legend>
      <p className="hint">{t('consent.hint')}</p>
      <Field label={t('consent.basis')}>
        {(a) => (
          <select {...a} value={basis} onChange={(e) => set('consent_basis', e.target.value)}>
            <option value="">{t('consent.fromFile')}</option>
            {bases.map((b) => (
              <option key={b} value={b}>
                {t(`consent.basis.${b}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('consent.mechanism')}>
        {(a) => (
          <select
            {...a}
            value={v.consent_mechanism ?? ''}
            onChange={(e) => set('consent_mechanism', e.target.value)}
          >
            <option value="">{t('consent.fromFile')}</option>
            {mechanisms.map((m) => (
              <option key={m} value={m}>
                {t(`consent.mechanism.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
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
      <Field label={t('consent.collectedAt')}>
        {(a) => (
          <input
            {...a}
            type="date"
            value={v.consent_collected_at ?? ''}
            onChange={(e) => set('consent_collected_at', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('consent.formUrl')}>
        {(a) => (
          <input
            {...a}
            type="url"
            value={v.consent_form_url ?? ''}
            onChange={(e) => set('consent_form_url', e.target.value)}
          />
        )}
      </Field>
      {basis === 'soft_opt_in' && (
        <label className="check-line">
          <input
            type="checkbox"
            checked={v.consent_customer_purchase === 'true'}
            onChange={(e) => set('consent_customer_purchase', e.target.checked ? 'true' : '')}
          />
          {t('consent.purchase')}
        </label>
      )}
      {basis !== '' && basis !== 'opt_in' && (
        <label className="check-line">
          <input
            type="checkbox"
            checked={v.consent_objection_offered === 'true'}
            onChange={(e) => set('consent_objection_offered', e.target.checked ? 'true' : '')}
          />
          {t('consent.objection')}
        </label>
      )}
    </fieldset>
  );
}
