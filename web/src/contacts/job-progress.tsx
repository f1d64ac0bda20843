import { useEffect, useRef } from 'react';
import type { ApiClient } from '../api-client.ts';
import type { MessageKey } from '../i18n/fr.ts';
import { labelOfCode, useT } from '../i18n/i18n-context.tsx';
import type { Job } from './use-job.ts';

/** A job's progress bar, then its outcome (figures from the API) and the rejects download. */
export function JobProgress(props: {
  api: ApiClient;
  workspaceId: string;
  job: Job;
  onDone?: (() => void) | undefined;
}) {
  const t = useT();
  const { job } = props;
  const done = job.state === 'succeeded' || job.state === 'failed';
  const notified = useRef(false);
  useEffect(() => {
    if (done && !notified.current) {
      notified.current = true;
      props.onDone?.();
    }
  }, [done, props.onDone]);

  async function downloadRejects() {
    const blob = await props.api.download(
      `/api/workspaces/${props.workspaceId}/jobs/${job.id}/rejects`,
    );
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${job.id}-rejects.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const result = (job.result ?? {}) as Record<string, unknown>;
  const summary = (result.summary ?? result) as Record<string, unknown>;
  const figures = Object.entries(summary).filter(([, v]) => typeof v === 'number');
  const refusal = typeof result.message === 'string' ? result.message : null;
  const reasons = Object.entries((summary.rejectedByReason ?? {}) as Record<string, number>);
  const label = (k: string) => labelOfCode(t, 'summary', k);
  // The code stays beside the words: it is what the rejects report's `reason` column says.
  const reasonLabel = (code: string) => {
    const text = labelOfCode(t, 'reason', code);
    return text === code ? code : `${text} (${code})`;
  };
  return (
    <div className="job" aria-live="polite">
      <label>
        {t(`job.${job.state}` as MessageKey)} — {Math.round(job.progress * 100)} %
        <progress max={1} value={job.progress} data-testid="job-progress" />
      </label>
      {job.error && (
        <p className="field-error" role="alert">
          {job.error}
        </p>
      )}
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      {done && figures.length > 0 && (
        <dl className="figures" data-testid="job-summary">
          {figures.map(([k, v]) => (
            <div key={k}>
              <dt>{label(k)}</dt>
              <dd data-key={k}>{(v as number).toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      )}
      {done && reasons.length > 0 && (
        <ul aria-label={t('summary.rejectedByReason')} data-testid="reject-reasons">
          {reasons.map(([reason, n]) => (
            <li key={reason}>
              {reasonLabel(reason)} : {n.toLocaleString()}
            </li>
          ))}
        </ul>
      )}
      {done && job.hasRejects && (
        <button type="button" onClick={downloadRejects}>
          {t('import.rejects')}
        </button>
      )}
    </div>
  );
}
