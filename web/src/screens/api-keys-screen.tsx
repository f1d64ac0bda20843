import { type FormEvent, useState } from 'react';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { LoadState } from '../components/load-state.tsx';
import { SecretNotice, useSecretIssuer } from '../components/secret-issuer.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

interface ApiKey {
  id: string;
  name: string;
  role: string;
  prefix: string;
  revokedAt: string | null;
}

/** API keys: create (the secret is shown once), list, revoke. */
export function ApiKeysScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/api-keys`;
  const list = useResource(() => props.api.get<{ items: ApiKey[] }>(base), base);
  const [name, setName] = useState('');
  const [role, setRole] = useState('marketer');
  const { secret, errors, create, remove } = useSecretIssuer(props.api, base, list.reload);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await create({ name, role })) setName('');
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">{t('keys.title')}</h1>
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('keys.name')}</th>
              <th scope="col">{t('keys.prefix')}</th>
              <th scope="col">{t('keys.role')}</th>
              <th scope="col">
                <span className="sr-only">{t('keys.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{k.role}</td>
                <td>
                  {k.revokedAt ? (
                    t('keys.revoked')
                  ) : (
                    <button
                      type="button"
                      onClick={() => remove(k.id)}
                      aria-label={`${t('keys.revoke')} ${k.name}`}
                    >
                      {t('keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SecretNotice secret={secret} message={t('keys.secret')} testId="key-secret" />
      <form className="card" onSubmit={submit}>
        <h2>{t('keys.create')}</h2>
        <FormErrors errors={errors} fields={['name', 'role']} />
        <Field label={t('keys.name')} error={errors.name}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('keys.role')} error={errors.role}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value)}>
              {(['owner', 'marketer', 'analyst'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {t('keys.create')}
        </button>
      </form>
    </section>
  );
}
