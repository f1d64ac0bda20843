import { type FormEvent, useState } from 'react';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { LoadState } from '../components/load-state.tsx';
import { readFieldErrors } from '../field-errors.ts';
import type { MessageKey } from '../i18n/fr.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

interface Member {
  userId: string;
  email: string;
  role: string;
  since: string;
}
const roles = ['owner', 'marketer', 'analyst', 'provider'] as const;

/** Members and their roles; owners add members (an unknown email needs an initial password). */
export function MembersScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/members`;
  const list = useResource(() => props.api.get<{ items: Member[] }>(base), base);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('marketer');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await props.api.post(base, { email, role, ...(password ? { password } : {}) });
      setErrors({});
      setEmail('');
      setPassword('');
      list.reload();
    } catch (error) {
      setErrors(readFieldErrors(error));
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title')}</h1>
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.since')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.userId}>
                <td>{m.email}</td>
                <td>{t(`role.${m.role}` as MessageKey)}</td>
                <td>{m.since.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.role === 'owner' && (
        <form className="card" onSubmit={add}>
          <h2>{t('members.add')}</h2>
          <FormErrors errors={errors} fields={['email', 'role', 'password']} />
          <Field label={t('members.email')} error={errors.email}>
            {(a) => (
              <input {...a} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label={t('members.role')} error={errors.role}>
            {(a) => (
              <select {...a} value={role} onChange={(e) => setRole(e.target.value)}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('members.password')} error={errors.password}>
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="primary">
            {t('members.add')}
          </button>
        </form>
      )}
    </section>
  );
}
