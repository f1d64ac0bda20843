import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { LoadState } from '../components/load-state.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import { useResource } from '../use-resource.ts';

interface Suppression {
  phone: string;
  reason: string;
  origin: string;
  createdAt: string;
  liftedAt: string | null;
}

/** The suppression list (STOP, spam reports, manual) and a form to add a number. */
export function SuppressionPanel(props: { api: ApiClient; workspaceId: string }) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/suppressions`;
  const list = useResource(
    () => props.api.get<{ items: Suppression[] }>(base, { limit: 100 }),
    base,
  );
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await props.api.post(base, { phone, reason: 'manual' });
      setErrors({});
      setPhone('');
      list.reload();
    } catch (error) {
      setErrors(readFieldErrors(error));
    }
  }
  return (
    <section className="card" aria-labelledby="supp-title">
      <h2 id="supp-title">{t('contacts.suppressions')}</h2>
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.data && (
        <table data-testid="suppressions">
          <thead>
            <tr>
              <th scope="col">{t('contacts.phone')}</th>
              <th scope="col">{t('contacts.reason')}</th>
              <th scope="col">{t('contacts.since')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.phone + s.createdAt}>
                <td>{s.phone}</td>
                <td>{s.reason}</td>
                <td>{localTime(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={add}>
        <FormErrors errors={errors} fields={['phone']} />
        <Field label={t('contacts.suppressNumber')} error={errors.phone}>
          {(a) => (
            <input {...a} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          )}
        </Field>
        <button type="submit">{t('contacts.suppress')}</button>
      </form>
    </section>
  );
}
