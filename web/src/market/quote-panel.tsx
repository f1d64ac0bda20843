import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { FilterBuilder } from '../audience/filter-builder.tsx';
import { buildFilter, type FilterRow } from '../audience/filter-rows.ts';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';

interface Finding {
  rule: string;
  severity: 'block' | 'warn';
  count: number;
  message: string;
}
interface Quote {
  count: number;
  duplicates: number;
  net: number;
  rental: number | null;
  purchase: number | null;
  currency: string;
  pricing?: { rental: PriceDetail | null; purchase: PriceDetail | null };
  findings: Finding[];
}
interface PriceDetail {
  minimumOrder: number;
  minimumApplied: boolean;
}
type Order =
  | { ok: true; licence: { id: string; type: string; contacts: number; price: number } }
  | { ok: false; reason: string; message: string; findings: Finding[] };

/** Criteria on one list with its live quote (net of your duplicates), then rent or buy. */
export function QuotePanel(props: {
  api: ApiClient;
  workspaceId: string;
  list: { id: string; name: string };
  onOrdered: () => void;
}) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}`;
  const [rows, setRows] = useState<FilterRow[]>([]);
  const [quote, setQuote] = useState<Quote | undefined>();
  const [error, setError] = useState('');
  const [order, setOrder] = useState<Order | undefined>();
  const filter = JSON.stringify(buildFilter(rows));

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      props.api
        .post<Quote>(`${base}/quotes`, { list: props.list.id, filter: JSON.parse(filter) })
        .then(
          (q) => {
            if (live) {
              setQuote(q);
              setError('');
            }
          },
          (e: unknown) => live && setError(Object.values(readFieldErrors(e)).join(' ')),
        );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.api, base, props.list.id, filter]);

  async function buy(type: 'rental' | 'purchase') {
    try {
      const answer = await props.api.post<Order>(`${base}/orders`, {
        list: props.list.id,
        filter: JSON.parse(filter),
        type,
      });
      setOrder(answer);
      if (answer.ok) props.onOrdered();
    } catch (e) {
      setError(Object.values(readFieldErrors(e)).join(' '));
    }
  }

  const money = (n: number | null) =>
    n === null
      ? '—'
      : n.toLocaleString(document.documentElement.lang, {
          style: 'currency',
          currency: quote?.currency ?? 'EUR',
        });
  // The list's minimum order, when it and not the count × CPM sets the price.
  const minimum = (p: PriceDetail | null | undefined) =>
    p?.minimumApplied ? (
      <span className="hint"> {t('market.minimumApplied', { amount: money(p.minimumOrder) })}</span>
    ) : null;
  return (
    <section className="card" aria-labelledby="quote-title">
      <h2 id="quote-title">{t('market.quoteFor', { name: props.list.name })}</h2>
      <FilterBuilder rows={rows} onChange={setRows} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {quote && (
        <dl className="figures" aria-live="polite" data-testid="quote">
          <dt>{t('market.count')}</dt>
          <dd>{quote.count.toLocaleString()}</dd>
          <dt>{t('market.duplicates')}</dt>
          <dd>{quote.duplicates.toLocaleString()}</dd>
          <dt>{t('market.net')}</dt>
          <dd data-testid="quote-net">{quote.net.toLocaleString()}</dd>
          <dt>{t('market.rentalPrice')}</dt>
          <dd data-testid="rental-price">
            {money(quote.rental)}
            {minimum(quote.pricing?.rental)}
          </dd>
          <dt>{t('market.purchasePrice')}</dt>
          <dd data-testid="purchase-price">
            {money(quote.purchase)}
            {minimum(quote.pricing?.purchase)}
          </dd>
        </dl>
      )}
      <ul className="violations">
        {(order && !order.ok ? order.findings : (quote?.findings ?? [])).map((f) => (
          <li key={f.rule + f.message} className={f.severity}>
            <strong>{f.rule}</strong> ({f.count}) — {f.message}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        disabled={quote?.rental == null}
        onClick={() => buy('rental')}
      >
        {t('market.rent')}
      </button>
      <button type="button" disabled={quote?.purchase == null} onClick={() => buy('purchase')}>
        {t('market.buy')}
      </button>
      {order && (
        <p role="status" className={order.ok ? 'ok' : 'blocked'} data-testid="order-result">
          {order.ok
            ? t('market.ordered', {
                id: order.licence.id,
                contacts: order.licence.contacts.toLocaleString(),
              })
            : order.message}
        </p>
      )}
    </section>
  );
}
