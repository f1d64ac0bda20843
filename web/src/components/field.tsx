import { type ReactNode, useContext, useId } from 'react';
import { I18nContext } from '../i18n/i18n-context.tsx';
import { plainProblem } from '../plain-problem.ts';

/**
 * A labelled form control with its hint and its error (from the API) right under it, tied by
 * aria-describedby and aria-invalid so screen readers announce them.
 */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (a11y: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const { lang } = useContext(I18nContext);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': true } : {}),
      })}
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errorId} role="alert">
          {plainProblem(props.error, lang)}
        </p>
      )}
    </div>
  );
}
