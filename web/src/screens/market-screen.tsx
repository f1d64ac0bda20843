import { useState } from 'react';
import { LoadState } from '../components/load-state.tsx';
import { labelOfCode, useT } from '../i18n/i18n-context.tsx';
import { ProviderPanel } from '../market/provider-panel.tsx';
import { QuotePanel } from '../market/quote-panel.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

interface Entry {
  id: string;
  name: string;
  description: string | null;
  provider: { name: string };
  contacts: number;
  rentalCpm: number | null;
  purchaseCpm: number | null;
  currency: string;
}
interface Licence {
  id: string;
  type: string;
  list: { name: string };
  contacts: number;
  price: number;
  currency: string;
  state: string;
}

/** Catalogue, quote and order, licences; and for providers their lists and usage. */
export function MarketScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}`;
  const workspace = useResource(() => props.api.get<{ isProvider: boolean }>(base), base);
  const catalogue = useResource(() => props.api.get<{ items: Entry[] }>(`${base}/catalogue`), base);
  const licences = useResource(() => props.api.get<{ items: Licence[] }>(`${base}/licences`), base);
  const [selected, setSelected] = useState<Entry | undefined>();
  const provider = workspace.data?.isProvider === true || props.role === 'provider';
  return (
    <section aria-labelledby="market-title">
      <h1 id="market-title">{t('nav.market')}</h1>
      {provider && <ProviderPanel api={props.api} workspaceId={props.workspaceId} />}
      <h2>{t('market.catalogue')}</h2>
      <LoadState loading={catalogue.loading} error={catalogue.error} onRetry={catalogue.reload} />
      {catalogue.data && (
        <table data-testid="catalogue">
          <thead>
            <tr>
              <th scope="col">{t('market.list')}</th>
              <th scope="col">{t('market.provider')}</th>
              <th scope="col">{t('market.contacts')}</th>
              <th scope="col">{t('market.rentalCpm')}</th>
              <th scope="col">{t('market.purchaseCpm')}</th>
              <th scope="col">
                <span className="sr-only">{t('market.select')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {catalogue.data.items.map((e) => (
              <tr key={e.id}>
                <td>
                  {e.name}
                  {e.description && <div className="muted">{e.description}</div>}
                </td>
                <td>{e.provider.name}</td>
                <td>{e.contacts.toLocaleString()}</td>
                <td>{e.rentalCpm ?? '—'}</td>
                <td>{e.purchaseCpm ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setSelected(e)}
                    aria-label={t('market.selectN', { name: e.name })}
                  >
                    {t('market.select')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <QuotePanel
          key={selected.id}
          api={props.api}
          workspaceId={props.workspaceId}
          list={selected}
          onOrdered={licences.reload}
        />
      )}
      <h2>{t('market.licences')}</h2>
      <LoadState loading={licences.loading} error={licences.error} onRetry={licences.reload} />
      {licences.data && (
        <table data-testid="licences">
          <thead>
            <tr>
              <th scope="col">{t('market.licence')}</th>
              <th scope="col">{t('market.list')}</th>
              <th scope="col">{t('market.type')}</th>
              <th scope="col">{t('market.contacts')}</th>
              <th scope="col">{t('market.price')}</th>
              <th scope="col">{t('market.state')}</th>
            </tr>
          </thead>
          <tbody>
            {licences.data.items.map((l) => (
              <tr key={l.id}>
                <td>
                  <code>{l.id}</code>
                </td>
                <td>{l.list.name}</td>
                <td>{l.type === 'rental' ? t('market.rental') : t('market.purchase')}</td>
                <td>{l.contacts.toLocaleString()}</td>
                <td>
                  {l.price.toLocaleString(undefined, { style: 'currency', currency: l.currency })}
                </td>
                <td>{labelOfCode(t, 'licenceState', l.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
