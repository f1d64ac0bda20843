import { useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { Field } from './field.tsx';
import { SettingsForm } from './settings-form.tsx';
import type { SectionProps, WorkspaceSettings } from './settings-types.ts';

/** Approved sender names: add (checked by the server's sender rules), remove, the default. */
export function SendersSection({ settings, save, readOnly }: SectionProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { senders } = settings;
  const senderError = Object.entries(errors).find(([k]) => k.startsWith('senders'))?.[1];

  async function change(body: Partial<WorkspaceSettings>) {
    const found = await save(body);
    setErrors(found);
    return Object.keys(found).length === 0;
  }
  async function add() {
    if (await change({ senders: [...senders, name.trim()] })) setName('');
  }

  return (
    <section aria-labelledby="set-senders">
      <h2 id="set-senders">{t('settings.senders')}</h2>
      <p className="hint">{t('settings.sendersHint')}</p>
      <fieldset disabled={readOnly}>
        <legend>{t('settings.defaultSender')}</legend>
        {senders.length === 0 && <p className="muted">{t('settings.noSenders')}</p>}
        <ul className="sender-list">
          {senders.map((s) => (
            <li key={s}>
              <label className="check-line">
                <input
                  type="radio"
                  name="default-sender"
                  checked={settings.defaultSender === s}
                  onChange={() => change({ defaultSender: s })}
                />{' '}
                <code>{s}</code>
              </label>{' '}
              <button
                type="button"
                onClick={() => change({ senders: senders.filter((x) => x !== s) })}
                aria-label={t('settings.removeSender', { name: s })}
              >
                {t('settings.remove')}
              </button>
            </li>
          ))}
        </ul>
        {senders.length > 0 && (
          <label className="check-line">
            <input
              type="radio"
              name="default-sender"
              checked={settings.defaultSender === null}
              onChange={() => change({ defaultSender: null })}
            />{' '}
            {t('settings.noDefaultSender')}
          </label>
        )}
      </fieldset>
      <SettingsForm
        errors={errors}
        fields={Object.keys(errors).filter((k) => k.startsWith('senders'))}
        readOnly={readOnly}
        submitLabel={t('settings.addSender')}
        onSubmit={add}
      >
        <Field
          label={t('settings.newSender')}
          hint={t('settings.newSenderHint')}
          error={senderError}
        >
          {(a) => (
            <input {...a} value={name} maxLength={20} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
      </SettingsForm>
    </section>
  );
}
