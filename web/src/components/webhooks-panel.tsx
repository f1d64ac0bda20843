import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useResource } from '../use-resource.ts';
import { Field } from './field.tsx';
import { FormErrors } from './form-errors.tsx';
import { LoadState } from './load-state.tsx';
import { SecretNotice, useSecretIssuer } from './secret-issuer.tsx';

const events = ['message.status', 'reply.received', 'reply.stop', 'campaign.state'] as const;

interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
}
interface Delivery {
  id: number;
  event: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  createdAt: string;
}

/** The workspace's webhooks: create (the signing secret shown once), delete, deliveries. */
export function WebhooksPanel(props: { api: ApiClient; workspaceId: string }) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/webhooks`;
  const hooks = useResource(() => props.api.get<{ items: Webhook[] }>(base), base);
  const deliveries = useResource(
    () => props.api.get<{ items: Delivery[] }>(`${base}/deliveries`, { limit: 20 }),
    `${base}/deliveries`,
  );
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([...events]);
  const { secret, errors, create, remove } = useSecretIssuer(props.api, base, hooks.reload);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await create({ url, events: chosen })) setUrl('');
  }

  return (
    <section aria-labelledby="set-webhooks">
      <h2 id="set-webhooks">{t('settings.webhooks')}</h2>
      <LoadState loading={hooks.loading} error={hooks.error} onRetry={hooks.reload} />
      {hooks.data && hooks.data.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">{t('settings.events')}</th>
              <th scope="col">
                <span className="sr-only">{t('settings.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.items.map((h) => (
              <tr key={h.id}>
                <td>
                  <code>{h.url}</code>
                </td>
                <td>{h.events.join(', ')}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => remove(h.id)}
                    aria-label={`${t('settings.delete')} ${h.url}`}
                  >
                    {t('settings.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SecretNotice secret={secret} message={t('settings.secret')} />
      <form className="card" onSubmit={submit}>
        <h3>{t('settings.addWebhook')}</h3>
        <FormErrors errors={errors} fields={['url', 'events']} />
        <Field label="URL" hint={t('settings.urlHint')} error={errors.url}>
          {(a) => <input {...a} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>{t('settings.events')}</legend>
          {events.map((ev) => (
            <label key={ev} className="check-line">
              <input
                type="checkbox"
                checked={chosen.includes(ev)}
                onChange={() =>
                  setChosen(chosen.includes(ev) ? chosen.filter((c) => c !== ev) : [...chosen, ev])
                }
              />{' '}
              {ev}
            </label>
          ))}
          {errors.events && (
            <p className="field-error" role="alert">
              {errors.events}
            </p>
          )}
        </fieldset>
        <button type="submit" className="primary">
          {t('settings.addWebhook')}
        </button>
      </form>
      <h3>{t('settings.deliveries')}</h3>
      <LoadState
        loading={deliveries.loading}
        error={deliveries.error}
        onRetry={deliveries.reload}
      />
      {deliveries.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('settings.event')}</th>
              <th scope="col">{t('settings.state')}</th>
              <th scope="col">{t('settings.attempts')}</th>
              <th scope="col">HTTP</th>
              <th scope="col">{t('settings.at')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((d) => (
              <tr key={d.id}>
                <td>{d.event}</td>
                <td>{d.state}</td>
                <td>{d.attempts}</td>
                <td>{d.lastStatus ?? '—'}</td>
                <td>{d.createdAt.replace('T', ' ').slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
