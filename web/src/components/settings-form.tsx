import type { ReactNode } from 'react';
import { FormErrors } from './form-errors.tsx';

/** Groups a form's controls so `disabled` reaches them all, without a second frame. */
const bareGroup = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

/**
 * One settings form: the API's errors that name none of `fields` on top, the controls
 * (disabled for readers), and its submit button.
 */
export function SettingsForm(props: {
  errors: Record<string, string>;
  fields: readonly string[];
  readOnly: boolean;
  submitLabel: string;
  onSubmit: () => unknown;
  children: ReactNode;
}) {
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <FormErrors errors={props.errors} fields={props.fields} />
      <fieldset disabled={props.readOnly} style={bareGroup}>
        {props.children}
        <button type="submit" className="primary">
          {props.submitLabel}
        </button>
      </fieldset>
    </form>
  );
}
