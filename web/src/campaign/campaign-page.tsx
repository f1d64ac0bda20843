import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { LoadState } from '../components/load-state.tsx';
import { readFieldErrors } from '../field-errors.ts';
import type { MessageKey } from '../i18n/fr.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import { useResource } from '../use-resource.ts';
import { CampaignForm } from './campaign-form.tsx';
import type { ActionAnswer, Campaign, PreflightReport } from './campaign-types.ts';
import { FindingsList } from './findings-list.tsx';
import { labelCampaignState } from './label-campaign-state.ts';
import { PreflightView } from './preflight-view.tsx';
import { StatusView } from './status-view.tsx';
import { useCampaignStatus } from './use-campaign-status.ts';
import { calendarTerritories, WindowCalendar } from './window-calendar.tsx';

/** One campaign: preflight, plan and cost, schedule / pause / resume / cancel, certificate, live view. */
export function CampaignPage(props: {
  api: ApiClient;
  workspaceId: string;
  campaignId: string;
  onCopy: (campaign: Campaign) => void;
}) {
  const t = useT();
  const path = `/api/workspaces/${props.workspaceId}/campaigns/${props.campaignId}`;
  const campaign = useResource(() => props.api.get<Campaign>(path), path);
  // The last preflight with the campaign version (updatedAt) it judged: an edit makes it stale.
  const [checked, setChecked] = useState<{ report: PreflightReport; of: string } | undefined>();
  const [answer, setAnswer] = useState<ActionAnswer | undefined>();
  const [error, setError] = useState('');
  const [fixing, setFixing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // Another campaign (e.g. the corrected copy): the last preflight and answer were not its own.
  useEffect(() => {
    if (props.campaignId) {
      setChecked(undefined);
      setAnswer(undefined);
    }
  }, [props.campaignId]);
  const state = campaign.data?.state ?? '';
  const status = useCampaignStatus(props.api, `${path}/status`, state !== '' && state !== 'draft');
  // The live view sees the campaign move (scheduled → sending → completed): follow it.
  const { reload } = campaign;
  useEffect(() => {
    if (status && state && status.state !== state) reload();
  }, [status, state, reload]);

  async function run(action: 'preflight' | 'schedule' | 'pause' | 'resume' | 'cancel') {
    setError('');
    try {
      setSaved(false);
      if (action === 'preflight') {
        const of = campaign.data?.updatedAt ?? '';
        setChecked({ report: await props.api.post<PreflightReport>(`${path}/preflight`), of });
      } else setAnswer(await props.api.post<ActionAnswer>(`${path}/${action}`));
      campaign.reload();
    } catch (e) {
      setError(Object.values(readFieldErrors(e)).join(' '));
    }
  }
  async function certificate() {
    try {
      const blob = await props.api.download(`${path}/certificate`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.campaignId}-certificate.html`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(Object.values(readFieldErrors(e)).join(' '));
    }
  }

  const c = campaign.data;
  const report = checked && c && checked.of === c.updatedAt ? checked.report : undefined;
  const stale = checked !== undefined && c !== undefined && report === undefined;
  const territories = Object.keys(report?.plan?.perTerritory ?? {}).filter((code) =>
    (calendarTerritories as readonly string[]).includes(code),
  );
  const blocked = report?.findings.some((f) => f.severity === 'block') ?? false;
  return (
    <section aria-labelledby="cp-title">
      <LoadState
        loading={campaign.loading && !c}
        error={campaign.error}
        onRetry={campaign.reload}
      />
      {c && (
        <>
          <h1 id="cp-title">
            {c.name}{' '}
            <span className="badge" data-testid="campaign-state" data-state={c.state}>
              {labelCampaignState(t, c.state)}
            </span>
          </h1>
          <p>
            {t('campaign.summary', {
              sender: c.sender,
              slots: t(`campaign.slotsShort.${c.schedule.slots}` as MessageKey),
              start: localTime(c.schedule.start, true),
            })}
          </p>
          <blockquote className="bubble">{c.text}</blockquote>
          <div className="actions">
            <button type="button" onClick={() => run('preflight')}>
              {t('campaign.runPreflight')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={c.state !== 'draft' || blocked}
              aria-describedby={blocked ? 'schedule-blocked' : undefined}
              onClick={() => run('schedule')}
            >
              {t('campaign.schedule')}
            </button>
            <button type="button" disabled={c.state !== 'sending'} onClick={() => run('pause')}>
              {t('campaign.pause')}
            </button>
            <button type="button" disabled={c.state !== 'paused'} onClick={() => run('resume')}>
              {t('campaign.resume')}
            </button>
            <button
              type="button"
              disabled={!['draft', 'scheduled', 'sending', 'paused'].includes(c.state)}
              onClick={() => run('cancel')}
            >
              {t('campaign.cancel')}
            </button>
            <button type="button" onClick={certificate} disabled={c.state === 'draft'}>
              {t('campaign.certificate')}
            </button>
            {c.state === 'draft' && (
              <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
                {t('campaign.edit')}
              </button>
            )}
            {c.state === 'draft' && (
              <button type="button" onClick={() => setFixing(!fixing)} aria-expanded={fixing}>
                {t('campaign.fix')}
              </button>
            )}
          </div>
          {blocked && (
            <p id="schedule-blocked" className="blocked" data-testid="schedule-blocked">
              {t('campaign.scheduleBlocked')}
            </p>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          {answer && (
            <div role="status" data-testid="action-answer" className={answer.ok ? 'ok' : 'blocked'}>
              {answer.ok
                ? t('campaign.done', { state: labelCampaignState(t, answeredState(answer, c)) })
                : (answer.message ?? answer.reason)}
              {!answer.ok && answer.findings && <FindingsList findings={answer.findings} />}
            </div>
          )}
          {saved && (
            <p role="status" data-testid="campaign-saved">
              {t('campaign.saved')}
            </p>
          )}
          {stale && !saved && (
            <p className="muted" data-testid="preflight-stale">
              {t('campaign.preflightStale')}
            </p>
          )}
          {editing && c.state === 'draft' && (
            <CampaignForm
              key={c.updatedAt}
              api={props.api}
              workspaceId={props.workspaceId}
              editing={c}
              onCreated={() => {
                setEditing(false);
                setSaved(true);
                // Stale at once, before the reload brings the new updatedAt.
                setChecked((last) => last && { ...last, of: '' });
                setAnswer(undefined);
                campaign.reload();
              }}
            />
          )}
          {fixing && (
            <CampaignForm
              api={props.api}
              workspaceId={props.workspaceId}
              from={c}
              onCreated={props.onCopy}
            />
          )}
          {report && <PreflightView report={report} text={c.text} />}
          <WindowCalendar
            key={territories.join(',')}
            api={props.api}
            workspaceId={props.workspaceId}
            start={c.schedule.start}
            territories={territories}
          />
          {status && <StatusView status={status} />}
        </>
      )}
    </section>
  );
}

/**
 * The state an action left the campaign in: schedule answers it, cancel answers the campaign
 * itself, pause and resume neither; the campaign read again after the action knows it.
 */
function answeredState(answer: ActionAnswer & { ok: true }, c: Campaign | undefined): string {
  const returned = (answer.campaign as { state?: string } | undefined)?.state;
  return answer.state ?? returned ?? c?.state ?? '';
}
