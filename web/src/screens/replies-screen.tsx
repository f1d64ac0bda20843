import { useEffect } from 'react';
import { LoadState } from '../components/load-state.tsx';
import { labelOfCode, useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

interface Reply {
  id: number;
  receivedAt: string;
  from: string;
  text: string;
  interpretation: string;
  action: string;
  campaign: string | null;
  campaignName: string | null;
}

/** Inbound replies (MO), newest first, with what Texto understood and did (STOP → suppression). */
export function RepliesScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/inbound`;
  const list = useResource(() => props.api.get<{ items: Reply[] }>(base, { limit: 100 }), base);
  const { reload } = list;
  useEffect(() => {
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <section aria-labelledby="rep-title">
      <h1 id="rep-title">{t('nav.replies')}</h1>
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p className="muted">{t('replies.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table data-testid="replies">
          <thead>
            <tr>
              <th scope="col">{t('replies.at')}</th>
              <th scope="col">{t('replies.from')}</th>
              <th scope="col">{t('replies.text')}</th>
              <th scope="col">{t('replies.understood')}</th>
              <th scope="col">{t('replies.action')}</th>
              <th scope="col">{t('replies.campaign')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id}>
                <td>{localTime(r.receivedAt)}</td>
                <td>{r.from}</td>
                <td>{r.text}</td>
                <td data-code={r.interpretation}>
                  {labelOfCode(t, 'replyKind', r.interpretation)}
                </td>
                <td data-code={r.action}>{labelOfCode(t, 'replyAction', r.action)}</td>
                <td>{r.campaignName ?? r.campaign ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
