import { CampaignForm } from '../campaign/campaign-form.tsx';
import { CampaignPage } from '../campaign/campaign-page.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

const recentKey = (workspaceId: string) => `texto.campaigns.${workspaceId}`;

/** The campaigns this browser created, newest first (the API has no campaign list yet). */
function readRecent(workspaceId: string): { id: string; name: string }[] {
  try {
    return JSON.parse(localStorage.getItem(recentKey(workspaceId)) ?? '[]');
  } catch {
    return [];
  }
}

/** Campaigns: the list, a new campaign, or one campaign when the address names it. */
export function CampaignsScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/campaigns`;
  const listed = useResource(
    () => props.api.get<{ items: { id: string; name: string; state: string }[] }>(base),
    base,
  );
  const open = (c: { id: string; name: string }) => {
    const recent = [c, ...readRecent(props.workspaceId).filter((r) => r.id !== c.id)].slice(0, 20);
    localStorage.setItem(recentKey(props.workspaceId), JSON.stringify(recent));
    props.navigate(`campaigns/${c.id}`);
  };
  if (props.rest) {
    return (
      <CampaignPage
        key={props.rest}
        api={props.api}
        workspaceId={props.workspaceId}
        campaignId={props.rest}
        onCopy={open}
      />
    );
  }
  const items = listed.data?.items ?? readRecent(props.workspaceId);
  return (
    <section aria-labelledby="camp-title">
      <h1 id="camp-title">{t('nav.campaigns')}</h1>
      {items.length > 0 && (
        <ul data-testid="campaign-list">
          {items.map((c) => (
            <li key={c.id}>
              <a href={`#/w/${props.workspaceId}/campaigns/${c.id}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      )}
      <CampaignForm api={props.api} workspaceId={props.workspaceId} onCreated={open} />
    </section>
  );
}
