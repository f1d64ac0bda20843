import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { usePlural, useT } from '../i18n/i18n-context.tsx';
import { countMessage } from './count-message.ts';
import { HighlightedText } from './highlighted-text.tsx';
import type { MessageCheckAnswer } from './message-check.ts';
import { PhonePreview } from './phone-preview.tsx';
import { WorstCaseView } from './worst-case-view.tsx';

export interface Draft {
  sender: string;
  text: string;
  stopCode: string;
}

/**
 * Sender, text and STOP code with the instant counter (core's measureText in the browser), the
 * characters forcing UCS-2 highlighted, and the server's check (violations by rule id) a moment
 * after typing stops. Transliteration and the STOP mention are done by the server.
 */
export function MessageComposer(props: {
  api: ApiClient;
  workspaceId: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** Whose values the worst case reads (none: every contact of the workspace). */
  audiences?: readonly string[] | undefined;
  licences?: readonly string[] | undefined;
}) {
  const t = useT();
  const plural = usePlural();
  const { draft, onChange } = props;
  const count = countMessage(draft.text);
  const [check, setCheck] = useState<MessageCheckAnswer | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState('');
  const path = `/api/workspaces/${props.workspaceId}/messages/check`;

  const body = (extra: object) => ({
    text: draft.text,
    ...(draft.sender ? { sender: draft.sender } : {}),
    ...(draft.stopCode ? { stopCode: draft.stopCode } : {}),
    ...extra,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: checks again when the draft changes
  useEffect(() => {
    if (draft.text === '') {
      setCheck(undefined);
      setErrors({});
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setChecking(true);
      props.api.post<MessageCheckAnswer>(path, body({})).then(
        (answer) => {
          if (!live) return;
          setCheck(answer);
          setErrors({});
          setChecking(false);
        },
        (error: unknown) => {
          if (!live) return;
          setCheck(undefined);
          setErrors(readFieldErrors(error));
          setChecking(false);
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft.text, draft.sender, draft.stopCode, path]);

  async function rewrite(extra: { transliterate?: boolean; appendStop?: boolean }) {
    try {
      const answer = await props.api.post<MessageCheckAnswer>(path, body(extra));
      setErrors({});
      setNote(
        extra.transliterate ? plural('compose.replaced', answer.replacements?.length ?? 0) : '',
      );
      onChange({ ...draft, text: answer.text });
    } catch (error) {
      const found = readFieldErrors(error);
      // "needs a STOP code" names no field: it concerns the STOP code field.
      if (extra.appendStop && found[''] && !found.stopCode) {
        found.stopCode = found[''];
        delete found[''];
      }
      setErrors(found);
    }
  }

  const byField = (prefix: string) =>
    (check?.violations ?? []).filter((v) => v.rule.startsWith(prefix));
  const senderViolations = byField('FR-SND');
  const textViolations = (check?.violations ?? []).filter((v) => !v.rule.startsWith('FR-SND'));
  const senderError =
    errors.sender ?? senderViolations.map((v) => `${v.rule} — ${v.message}`).join(' ');

  return (
    <div className="composer">
      <div className="composer-form">
        <FormErrors errors={errors} fields={['sender', 'text', 'stopCode']} />
        <Field
          label={t('compose.sender')}
          hint={t('compose.senderHint')}
          error={senderError || undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              name="sender"
              value={draft.sender}
              maxLength={20}
              onChange={(e) => onChange({ ...draft, sender: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('compose.text')} error={errors.text}>
          {(a11y) => (
            <textarea
              {...a11y}
              name="text"
              rows={6}
              value={draft.text}
              onChange={(e) => {
                // What "Translittérer" replaced no longer describes a text typed anew.
                setNote('');
                onChange({ ...draft, text: e.target.value });
              }}
            />
          )}
        </Field>
        <output
          className="counter"
          aria-live="polite"
          aria-label={t('compose.counterLabel')}
          data-testid="counter"
          data-parts={count.parts}
          data-encoding={count.encoding}
          data-units={count.units}
          title={t(`compose.units.${count.encoding}`)}
        >
          {t('compose.counter', {
            units: count.units,
            capacity: count.capacity,
            parts: count.parts,
            encoding: count.encoding,
          })}
        </output>
        <WorstCaseView
          api={props.api}
          workspaceId={props.workspaceId}
          text={draft.text}
          audiences={props.audiences}
          licences={props.licences}
        />
        {count.nonGsm.length > 0 && (
          <div className="ucs-warning">
            <p>{plural('compose.ucsWarning', count.nonGsm.length)}</p>
            <HighlightedText text={draft.text} nonGsm={count.nonGsm} />
            <button type="button" onClick={() => rewrite({ transliterate: true })}>
              {t('compose.transliterate')}
            </button>
          </div>
        )}
        {note && <p role="status">{note}</p>}
        <Field label={t('compose.stopCode')} hint={t('compose.stopHint')} error={errors.stopCode}>
          {(a11y) => (
            <input
              {...a11y}
              name="stopCode"
              inputMode="numeric"
              value={draft.stopCode}
              onChange={(e) => onChange({ ...draft, stopCode: e.target.value })}
            />
          )}
        </Field>
        <button
          type="button"
          disabled={draft.text === '' || check?.stop.present === true}
          onClick={() => rewrite({ appendStop: true })}
        >
          {t('compose.appendStop')}
        </button>
        <section aria-labelledby="check-title" className="check" aria-live="polite">
          <h2 id="check-title">{t('compose.check')}</h2>
          {checking && <p className="muted">{t('compose.checking')}</p>}
          {check && (
            <>
              <p
                data-testid="server-count"
                data-parts={check.parts}
                data-encoding={check.encoding}
                data-units={check.units}
              >
                {t('compose.serverAgrees', { parts: check.parts, encoding: check.encoding })}
              </p>
              <p className={check.ok ? 'ok' : 'blocked'} data-testid="check-verdict">
                {check.ok ? t('compose.ok') : t('compose.blocked')}
              </p>
              <ul className="violations">
                {textViolations.concat(senderViolations).map((v) => (
                  <li key={v.rule + v.message} className={v.severity}>
                    <strong>{v.rule}</strong> ({t(`compose.severity.${v.severity}`)}) — {v.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <PhonePreview sender={draft.sender} text={draft.text} />
    </div>
  );
}
