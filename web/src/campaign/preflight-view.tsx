import { BarChart } from '../components/bar-chart.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { localTime } from '../local-time.ts';
import type { PreflightReport } from './campaign-types.ts';
import { FindingsList } from './findings-list.tsx';

/** The preflight report: verdict, findings, recipients, message, plan charts and cost. */
export function PreflightView(props: { report: PreflightReport; text?: string }) {
  const t = useT();
  const r = props.report;
  const placeholders = [...new Set(props.text?.match(/\{[^{}]+\}/g) ?? [])];
  const toRows = (o: Record<string, number> | undefined) =>
    Object.entries(o ?? {}).map(([label, value]) => ({ label, value }));
  const eur = (n: number) =>
    n.toLocaleString(document.documentElement.lang, { style: 'currency', currency: 'EUR' });
  return (
    <section aria-labelledby="pf-title" data-testid="preflight">
      <h2 id="pf-title">{t('campaign.preflight')}</h2>
      <p className={r.ok ? 'ok' : 'blocked'} data-testid="preflight-verdict" data-ok={r.ok}>
        {r.ok ? t('campaign.preflightOk') : t('campaign.preflightBlocked')}
      </p>
      <FindingsList findings={r.findings} />
      <dl className="figures">
        <dt>{t('campaign.recipients')}</dt>
        <dd>{r.recipients.total.toLocaleString()}</dd>
        <dt>{t('campaign.eligible')}</dt>
        <dd data-testid="eligible">{r.recipients.eligible.toLocaleString()}</dd>
        {Object.entries(r.recipients.excluded)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t('campaign.excluded', { why: k })}</dt>
              <dd>{v.toLocaleString()}</dd>
            </div>
          ))}
        <dt data-testid="parts-label">
          {placeholders.length > 0
            ? t('campaign.partsWorst', { placeholders: placeholders.join(', ') })
            : t('campaign.parts')}
        </dt>
        <dd>
          {r.message.parts} × {r.message.encoding} ({r.message.totalParts.toLocaleString()})
        </dd>
        {r.cost && (
          <>
            <dt>{t('campaign.cost')}</dt>
            <dd data-testid="cost">{eur(r.cost.eur)}</dd>
          </>
        )}
        {r.exposureAvoided.numbers > 0 && (
          <>
            <dt>{t('campaign.exposure')}</dt>
            <dd>
              {eur(r.exposureAvoided.amountEur)} ({r.exposureAvoided.numbers.toLocaleString()})
            </dd>
          </>
        )}
      </dl>
      {r.plan && (
        <>
          <h3>{t('campaign.plan')}</h3>
          <p>
            {t('campaign.planSpan', {
              start: localTime(r.plan.start, true),
              end: localTime(r.plan.end, true),
              planned: r.plan.planned.toLocaleString(),
              unplaceable: r.plan.unplaceable.toLocaleString(),
            })}
          </p>
          <div className="charts">
            <BarChart title={t('campaign.perDay')} rows={toRows(r.plan.perDay)} />
            <BarChart
              title={t('campaign.perSlot')}
              rows={toRows(r.plan.perSlot).map((row) =>
                row.label === 'other' ? { ...row, label: t('campaign.slot.other') } : row,
              )}
            />
          </div>
        </>
      )}
    </section>
  );
}
