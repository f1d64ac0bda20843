import { LoadState } from '../components/load-state.tsx';
import { SendersSection } from '../components/senders-section.tsx';
import {
  MarketSection,
  PolicySection,
  StopCodeSection,
  TransportSection,
} from '../components/settings-sections.tsx';
import type { SaveSettings, WorkspaceSettings } from '../components/settings-types.ts';
import { WebhooksPanel } from '../components/webhooks-panel.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

/**
 * The workspace settings (issue 10): approved senders, STOP code, default window policy,
 * the transport (read-only), the marketplace settings and the webhooks. Each section saves
 * its own fields with PATCH …/settings and shows the API's refusals next to them.
 */
export function SettingsScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/settings`;
  const settings = useResource(() => props.api.get<WorkspaceSettings>(base), base);
  const readOnly = props.role !== 'owner';

  const save: SaveSettings = async (change) => {
    try {
      await props.api.patch(base, change);
      settings.reload();
      return {};
    } catch (error) {
      return readFieldErrors(error);
    }
  };

  const data = settings.data;
  return (
    <section aria-labelledby="set-title">
      <h1 id="set-title">{t('nav.settings')}</h1>
      {readOnly && <p className="notice">{t('settings.readOnly')}</p>}
      <LoadState
        loading={settings.loading && !data}
        error={settings.error}
        onRetry={settings.reload}
      />
      {data && (
        <>
          <SendersSection settings={data} save={save} readOnly={readOnly} />
          <StopCodeSection settings={data} save={save} readOnly={readOnly} />
          <PolicySection settings={data} save={save} readOnly={readOnly} />
          <TransportSection transport={data.transport} />
          <MarketSection settings={data} save={save} readOnly={readOnly} />
        </>
      )}
      <WebhooksPanel api={props.api} workspaceId={props.workspaceId} />
    </section>
  );
}
