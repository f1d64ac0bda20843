import { useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { Field } from './field.tsx';
import { SettingsForm } from './settings-form.tsx';
import type { SectionProps, TransportView } from './settings-types.ts';

/** The workspace's STOP short code; empty = the server's (TEXTO_STOP_CODE). */
export function StopCodeSection({ settings, save, readOnly }: SectionProps) {
  const t = useT();
  const [code, setCode] = useState(settings.stopCode ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit() {
    setErrors(await save({ stopCode: code.trim() === '' ? null : code.trim() }));
  }
  const used = settings.effectiveStopCode ?? t('settings.none');
  return (
    <section aria-labelledby="set-stop">
      <h2 id="set-stop">{t('settings.stop')}</h2>
      <SettingsForm
        errors={errors}
        fields={['stopCode']}
        readOnly={readOnly}
        submitLabel={t('settings.saveStop')}
        onSubmit={submit}
      >
        <Field label={t('settings.stopCode')} hint={t('settings.stopHint')} error={errors.stopCode}>
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              // Room for a code typed "36 180"; the server says how to write it.
              maxLength={8}
              placeholder="36xxx"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <p data-testid="stop-used">{t('settings.stopUsed', { code: used })}</p>
        {settings.stopMismatch.length > 0 && (
          <div className="field-error" role="alert" data-testid="stop-mismatch">
            <p>{t('settings.stopMismatch', { code: used })}</p>
            <ul>
              {settings.stopMismatch.map((c) => (
                <li key={c.id}>{c.name}</li>
              ))}
            </ul>
          </div>
        )}
      </SettingsForm>
    </section>
  );
}

/** The window policy new campaigns take: brief, charter, or a custom window inside the charter. */
export function PolicySection({ settings, save, readOnly }: SectionProps) {
  const t = useT();
  const initial = settings.defaultPolicy ?? '';
  const [choice, setChoice] = useState(initial.startsWith('custom:') ? 'custom' : initial);
  const [custom, setCustom] = useState(initial.startsWith('custom:') ? initial : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit() {
    const policy = choice === 'custom' ? custom.trim() : choice || null;
    setErrors(await save({ defaultPolicy: policy }));
  }
  return (
    <section aria-labelledby="set-policy">
      <h2 id="set-policy">{t('settings.policy')}</h2>
      <SettingsForm
        errors={errors}
        fields={['defaultPolicy']}
        readOnly={readOnly}
        submitLabel={t('settings.savePolicy')}
        onSubmit={submit}
      >
        <Field
          label={t('settings.defaultPolicy')}
          error={choice === 'custom' ? undefined : errors.defaultPolicy}
        >
          {(a) => (
            <select {...a} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t('settings.policyPack')}</option>
              <option value="brief">{t('settings.policyBrief')}</option>
              <option value="charter">{t('settings.policyCharter')}</option>
              <option value="custom">{t('settings.policyCustom')}</option>
            </select>
          )}
        </Field>
        {choice === 'custom' && (
          <Field
            label={t('settings.customPolicy')}
            hint={t('settings.customPolicyHint')}
            error={errors.defaultPolicy}
          >
            {(a) => (
              <input
                {...a}
                placeholder="custom:09:00-19:00,mon-fri"
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
              />
            )}
          </Field>
        )}
        <p>{t('settings.policyUsed', { policy: settings.effectivePolicy })}</p>
      </SettingsForm>
    </section>
  );
}

/** The marketplace settings: LIST-03 rights mention, LIST-01 strict partner naming. */
export function MarketSection({ settings, save, readOnly }: SectionProps) {
  const t = useT();
  const [mention, setMention] = useState(settings.rightsMention ?? '');
  const [strict, setStrict] = useState(settings.strictPartners);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit() {
    const rightsMention = mention.trim() === '' ? null : mention.trim();
    setErrors(await save({ rightsMention, strictPartners: strict }));
  }
  return (
    <section aria-labelledby="set-market">
      <h2 id="set-market">{t('settings.market')}</h2>
      <SettingsForm
        errors={errors}
        fields={['rightsMention', 'strictPartners']}
        readOnly={readOnly}
        submitLabel={t('settings.saveMarket')}
        onSubmit={submit}
      >
        <Field
          label={t('settings.rightsMention')}
          hint={t('settings.rightsMentionHint')}
          error={errors.rightsMention}
        >
          {(a) => (
            <input
              {...a}
              maxLength={60}
              value={mention}
              onChange={(e) => setMention(e.target.value)}
            />
          )}
        </Field>
        <label className="check-line">
          <input type="checkbox" checked={strict} onChange={() => setStrict(!strict)} />{' '}
          {t('settings.strictPartners')}
        </label>
      </SettingsForm>
    </section>
  );
}

/** What the server sends through: read-only, never a password or a secret. */
export function TransportSection({ transport }: { transport: TransportView }) {
  const t = useT();
  const rows: Array<[string, string | number | null]> = [
    [t('settings.transportKind'), transport.kind],
    [t('settings.transportHost'), transport.host],
    [t('settings.transportPort'), transport.port],
    [t('settings.transportTps'), transport.tps],
    [t('settings.transportBinds'), transport.binds],
    [t('settings.transportWindow'), transport.window],
    [t('settings.transportLong'), transport.longMessages],
    [t('settings.transportBindMode'), transport.bindMode],
    [t('settings.transportTls'), transport.tls ? t('settings.yes') : t('settings.no')],
  ];
  return (
    <section aria-labelledby="set-transport">
      <h2 id="set-transport">{t('settings.transport')}</h2>
      <p className="hint">{t('settings.transportHint')}</p>
      <dl className="figures" data-testid="transport">
        {rows
          .filter(([, v]) => v !== null)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
