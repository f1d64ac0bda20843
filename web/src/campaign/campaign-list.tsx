import { useState } from 'react';
import { campaignStates } from '../../../src/core/campaign/campaign-codes.ts';
import type { ApiClient } from '../api-client.ts';
import { LoadState } from '../components/load-state.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import { useResource } from '../use-resource.ts';
import type { CampaignListItem } from './campaign-types.ts';
import { labelCampaignState } from './label-campaign-state.ts';

const pageSize = 20;

/** An instant as "YYYY-MM-DD HH:MM" in the reader's time zone. */
/**
 * The workspace's campaigns from the API, newest first: state filter, one page at a time
 * (the cursors of the pages already seen are kept to go back).
 */
export function CampaignList(props: { api: ApiClient; workspaceId: string }) {
  const t = useT();
  const [state, setState] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const path = `/api/workspaces/${props.workspaceId}/campaigns`;
  const query = { limit: pageSize, state: state || undefined, cursor };
  const page = useResource(
    () => props.api.get<{ items: CampaignListItem[]; nextCursor: string | null }>(path, query),
    `${path}?${JSON.stringify(query)}`,
  );
  const count = (n: number | null) => (n === null ? '—' : n.toLocaleString());
  return (
    <section aria-labelledby="camp-list-title">
      <h2 id="camp-list-title">{t('campaigns.list')}</h2>
      <label className="check-line" htmlFor="campaign-state-filter">
        {t('campaigns.filterState')}
      </label>{' '}
      <select
        id="campaign-state-filter"
        value={state}
        onChange={(e) => {
          setState(e.target.value);
          setCursors([]);
        }}
      >
        <option value="">{t('campaigns.allStates')}</option>
        {campaignStates.map((s) => (
          <option key={s} value={s}>
            {labelCampaignState(t, s)}
          </option>
        ))}
      </select>
      <LoadState loading={page.loading && !page.data} error={page.error} onRetry={page.reload} />
      {page.data?.items.length === 0 && <p className="muted">{t('campaigns.none')}</p>}
      {page.data && page.data.items.length > 0 && (
        <table data-testid="campaign-list">
          <thead>
            <tr>
              <th scope="col">{t('campaign.name')}</th>
              <th scope="col">{t('campaigns.state')}</th>
              <th scope="col">{t('compose.sender')}</th>
              <th scope="col">{t('campaigns.created')}</th>
              <th scope="col">{t('campaigns.start')}</th>
              <th scope="col">{t('campaigns.scheduled')}</th>
              <th scope="col">{t('campaign.recipients')}</th>
              <th scope="col">{t('campaigns.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((c) => (
              <tr key={c.id} data-campaign={c.id}>
                <td>
                  <a href={`#/w/${props.workspaceId}/campaigns/${c.id}`}>{c.name}</a>
                </td>
                <td>
                  <span className="badge" data-state={c.state}>
                    {labelCampaignState(t, c.state)}
                  </span>
                </td>
                <td>{c.sender}</td>
                <td>{localTime(c.createdAt)}</td>
                <td data-key="start">{localTime(c.start)}</td>
                <td>{localTime(c.scheduledAt)}</td>
                <td>{count(c.recipients)}</td>
                <td>{count(c.sent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('campaigns.previous')}
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          {t('campaigns.next')}
        </button>
      </div>
    </section>
  );
}
