import { useT } from '../i18n/i18n-context.tsx';

export interface ListUsage {
  list: { id: string; name: string; version: number; contacts: number };
  quotes: number;
  orders: {
    id: string;
    advertiser: string;
    type: string;
    contacts: number;
    price: number;
    createdAt: string;
  }[];
  rentals: {
    licenceId: string;
    state: string;
    campaignId: string | null;
    contacts: number;
    text: string | null;
  }[];
  stops: { total: number; unapplied: number };
  seedAlerts: { seed: string; campaignId: string | null; sender: string | null; at: string }[];
}

/** For a provider: per list, quotes, orders (who, what, how much), rentals, STOPs, seed alerts. */
export function ListUsageView(props: { items: readonly ListUsage[] }) {
  const t = useT();
  return (
    <div data-testid="usage">
      {props.items.map((u) => (
        <section
          key={u.list.id}
          className="card"
          aria-label={t('market.usageOf', { name: u.list.name })}
        >
          <h4>
            {u.list.name} (v{u.list.version})
          </h4>
          <dl className="figures">
            <dt>{t('market.quotes')}</dt>
            <dd data-key="quotes">{u.quotes}</dd>
            <dt>{t('market.orders')}</dt>
            <dd data-key="orders">{u.orders.length}</dd>
            <dt>{t('market.revenue')}</dt>
            <dd>
              {u.orders
                .reduce((sum, o) => sum + o.price, 0)
                .toLocaleString(undefined, { style: 'currency', currency: 'EUR' })}
            </dd>
            <dt>{t('market.stops')}</dt>
            <dd data-key="stops">
              {u.stops.total} ({t('market.unapplied', { n: u.stops.unapplied })})
            </dd>
            <dt>{t('market.seedAlerts')}</dt>
            <dd data-key="seedAlerts">{u.seedAlerts.length}</dd>
          </dl>
          {u.orders.length > 0 && (
            <table>
              <caption>{t('market.orders')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('market.advertiser')}</th>
                  <th scope="col">{t('market.type')}</th>
                  <th scope="col">{t('market.contacts')}</th>
                  <th scope="col">{t('market.price')}</th>
                  <th scope="col">{t('market.rentalUse')}</th>
                </tr>
              </thead>
              <tbody>
                {u.orders.map((o) => {
                  const rental = u.rentals.find((r) => r.licenceId === o.id);
                  return (
                    <tr key={o.id}>
                      <td>{o.advertiser}</td>
                      <td>{o.type === 'rental' ? t('market.rental') : t('market.purchase')}</td>
                      <td>{o.contacts.toLocaleString()}</td>
                      <td>
                        {o.price.toLocaleString(undefined, { style: 'currency', currency: 'EUR' })}
                      </td>
                      <td>
                        {rental
                          ? `${rental.state}${rental.text ? ` — « ${rental.text} »` : ''}`
                          : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
