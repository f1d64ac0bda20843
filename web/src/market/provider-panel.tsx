import { useState } from 'react';
import { consentFields, contactFields } from '../../../src/core/contact/contact-fields.ts';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { LoadState } from '../components/load-state.tsx';
import { ImportPanel } from '../contacts/import-panel.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { useResource } from '../use-resource.ts';
import { type ListUsage, ListUsageView } from './list-usage-view.tsx';

interface ProviderList {
  id: string;
  name: string;
  version: number;
  contacts: number;
  rentalCpm: number | null;
  purchaseCpm: number | null;
  minimumOrder: number;
  seeds: string[];
}

/** For list providers: their lists (prices, seeds), publishing a new one, and its usage. */
export function ProviderPanel(props: { api: ApiClient; workspaceId: string }) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/lists`;
  const lists = useResource(() => props.api.get<{ items: ProviderList[] }>(base), base);
  const usage = useResource(
    () => props.api.get<{ items: ListUsage[] }>(`${base}/usage`),
    `${base}/usage`,
  );
  const [meta, setMeta] = useState({
    name: '',
    rentalCpm: '',
    purchaseCpm: '',
    minimumOrder: '',
    seeds: '',
  });
  const query = Object.fromEntries(Object.entries(meta).filter(([, v]) => v.trim() !== ''));
  const input = (key: keyof typeof meta, label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      {(a) => (
        <input
          {...a}
          value={meta[key]}
          onChange={(e) => setMeta({ ...meta, [key]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <section aria-labelledby="provider-title">
      <h2 id="provider-title">{t('market.myLists')}</h2>
      <LoadState loading={lists.loading} error={lists.error} onRetry={lists.reload} />
      {lists.data && (
        <table data-testid="my-lists">
          <thead>
            <tr>
              <th scope="col">{t('market.list')}</th>
              <th scope="col">{t('market.contacts')}</th>
              <th scope="col">{t('market.rentalCpm')}</th>
              <th scope="col">{t('market.purchaseCpm')}</th>
              <th scope="col">{t('market.seeds')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.data.items.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.name} (v{l.version})
                </td>
                <td>{l.contacts.toLocaleString()}</td>
                <td>{l.rentalCpm ?? '—'}</td>
                <td>{l.purchaseCpm ?? '—'}</td>
                <td>{l.seeds.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="card">
        <h3>{t('market.publish')}</h3>
        {input('name', t('market.listName'))}
        {input('rentalCpm', t('market.rentalCpm'), t('market.cpmHint'))}
        {input('purchaseCpm', t('market.purchaseCpm'), t('market.cpmHint'))}
        {input('minimumOrder', t('market.minimumOrder'))}
        {input('seeds', t('market.seeds'), t('market.seedsHint'))}
        <ImportPanel
          api={props.api}
          workspaceId={props.workspaceId}
          path={`${base}/imports`}
          fields={[...contactFields, ...consentFields]}
          query={query}
          title={t('market.listFile')}
          onDone={() => {
            lists.reload();
            usage.reload();
          }}
        />
      </div>
      <h3>{t('market.usage')}</h3>
      <LoadState loading={usage.loading} error={usage.error} onRetry={usage.reload} />
      {usage.data && <ListUsageView items={usage.data.items} />}
    </section>
  );
}
