import { useContext } from 'react';
import { I18nContext } from '../i18n/i18n-context.tsx';
import { plainProblem } from '../plain-problem.ts';

/** The API errors of a form that name none of its fields, shown at its top. */
export function FormErrors(props: { errors: Record<string, string>; fields: readonly string[] }) {
  const { lang } = useContext(I18nContext);
  const rest = Object.entries(props.errors).filter(([k]) => !props.fields.includes(k));
  if (rest.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {rest.map(([k, v]) => (
        <p key={k}>{k ? `${k}: ${plainProblem(v, lang)}` : plainProblem(v, lang)}</p>
      ))}
    </div>
  );
}
