import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** The answer of POST /api/workspaces/:id/messages/worst-case (src/api/message-worst-case.ts). */
export interface WorstCaseAnswer {
  placeholders: string[];
  scope: 'audiences' | 'workspace';
  recipients: number | null;
  units: number;
  parts: number;
  encoding: 'GSM-7' | 'UCS-2';
  anyEncoding: 'GSM-7' | 'UCS-2';
  values: { placeholder: string; value: string | null; length: number; masked: boolean }[];
  ucs2Cause: { placeholder: string; value: string | null; masked: boolean } | null;
  missing: number;
}

const placeholder = /\{[^{}]+\}/;

/**
 * Under the instant counter, which counts the template literally: the server's worst case over
 * the recipients' real values (the chosen audiences and licences, else every contact), asked
 * 300 ms after typing stops, and only when the text has a placeholder. Values of rented
 * contacts come back masked: only their length is shown.
 */
export function WorstCaseView(props: {
  api: ApiClient;
  workspaceId: string;
  text: string;
  audiences?: readonly string[] | undefined;
  licences?: readonly string[] | undefined;
}) {
  const t = useT();
  const [answer, setAnswer] = useState<WorstCaseAnswer | undefined>();
  const [error, setError] = useState('');
  const has = placeholder.test(props.text);
  const audiences = props.audiences ?? [];
  const licences = props.licences ?? [];
  const key = JSON.stringify([props.text, audiences, licences]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the request body
  useEffect(() => {
    if (!has) {
      setAnswer(undefined);
      setError('');
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      props.api
        .post<WorstCaseAnswer>(`/api/workspaces/${props.workspaceId}/messages/worst-case`, {
          text: props.text,
          audiences,
          licences,
        })
        .then(
          (found) => {
            if (!live) return;
            setAnswer(found);
            setError('');
          },
          (e: unknown) => {
            if (!live) return;
            setAnswer(undefined);
            setError(Object.values(readFieldErrors(e)).join(' '));
          },
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, has, props.workspaceId]);

  if (!has) return null;
  if (error) return <p className="muted">{t('compose.worstError', { error })}</p>;
  if (!answer) return null;
  const a = answer;
  const cause = (v: WorstCaseAnswer['values'][number]) =>
    v.masked
      ? t('compose.worstMasked', { placeholder: v.placeholder, length: v.length })
      : v.value === null
        ? t('compose.worstFallback', { placeholder: v.placeholder, length: v.length })
        : t('compose.worstValue', { placeholder: v.placeholder, value: v.value, length: v.length });
  return (
    <div className="worst-case" aria-live="polite">
      <p
        data-testid="worst-case"
        data-units={a.units}
        data-parts={a.parts}
        data-encoding={a.encoding}
      >
        {t(a.scope === 'audiences' ? 'compose.worstAudience' : 'compose.worstWorkspace', {
          units: a.units,
          parts: a.parts,
          encoding: a.encoding,
        })}
      </p>
      {a.recipients === 0 && <p className="muted">{t('compose.worstNobody')}</p>}
      {a.values.length > 0 && (
        <p className="muted" data-testid="worst-case-cause">
          {a.values.map(cause).join(' · ')}
        </p>
      )}
      {a.ucs2Cause && a.anyEncoding !== a.encoding && (
        <p className="muted">
          {a.ucs2Cause.masked
            ? t('compose.worstUcsMasked', { placeholder: a.ucs2Cause.placeholder })
            : t('compose.worstUcs', {
                placeholder: a.ucs2Cause.placeholder,
                value: a.ucs2Cause.value ?? '',
              })}
        </p>
      )}
      {a.missing > 0 && <p className="blocked">{t('compose.worstMissing', { n: a.missing })}</p>}
    </div>
  );
}
