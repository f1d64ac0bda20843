import { CampaignForm } from '../campaign/campaign-form.tsx';
import { CampaignList } from '../campaign/campaign-list.tsx';
import { CampaignPage } from '../campaign/campaign-page.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';

/** Campaigns: the list from the API and a new campaign, or one campaign when the address names it. */
export function CampaignsScreen(props: ScreenProps) {
  const t = useT();
  const open = (c: { id: string }) => props.navigate(`campaigns/${c.id}`);
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
  return (
    <section aria-labelledby="camp-title">
      <h1 id="camp-title">{t('nav.campaigns')}</h1>
      <CampaignList api={props.api} workspaceId={props.workspaceId} />
      <CampaignForm api={props.api} workspaceId={props.workspaceId} onCreated={open} />
    </section>
  );
}
