import { BarChart } from '../components/bar-chart.tsx';
import { labelOfCode, useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import type { CampaignStatus } from './campaign-types.ts';
import { countHandedOver } from './count-handed-over.ts';
import { labelCampaignState } from './label-campaign-state.ts';

/** Live sending view: messages per state, the delivery funnel, failures and STOP-cancelled. */
export function StatusView(props: { status: CampaignStatus }) {
  const t = useT();
  const s = props.status;
  const named = (prefix: string, code: string) => labelOfCode(t, prefix, code);
  const states = Object.entries(s.states)
    .filter(([k, v]) => v > 0 || k === 'delivered')
    .map(([code, value]) => ({ code, label: named('messageState', code), value }));
  const funnel = countHandedOver(s.states);
  return (
    <section aria-labelledby="st-title" data-testid="status" aria-live="polite">
      <h2 id="st-title">{t('campaign.live')}</h2>
      <p>
        {t('campaign.stateIs', { state: labelCampaignState(t, s.state) })} ·{' '}
        {t('campaign.total', { n: s.total.toLocaleString() })}
      </p>
      {s.nextPlannedAt && (
        <p data-testid="next-planned">
          {t('campaign.nextPlanned', {
            at: localTime(s.nextPlannedAt),
            n: (s.states.planned ?? 0).toLocaleString(),
          })}
        </p>
      )}
      {s.optOuts.count > 0 && (
        <p data-testid="opt-outs">
          {t('campaign.optOuts', {
            n: s.optOuts.count.toLocaleString(),
            percent: (s.optOuts.percent ?? 0).toLocaleString(),
          })}
        </p>
      )}
      <div className="charts">
        <BarChart title={t('campaign.byState')} rows={states} />
        <BarChart
          title={t('campaign.funnel')}
          rows={[
            { label: named('messageState', 'submitted'), value: funnel.handedOver },
            { label: named('messageState', 'delivered'), value: funnel.delivered },
          ]}
        />
        {Object.keys(s.delivery).length > 0 && (
          <BarChart
            title={t('campaign.delivery')}
            rows={Object.entries(s.delivery).map(([code, value]) => ({
              label: named('deliveryStatus', code),
              value,
            }))}
          />
        )}
      </div>
      <dl className="figures">
        {states.map(({ code, label, value }) => (
          <div key={code}>
            <dt>{label}</dt>
            <dd data-state={code}>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
