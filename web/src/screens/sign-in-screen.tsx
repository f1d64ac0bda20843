import { type FormEvent, useRef, useState } from 'react';
import { type ApiClient, ApiError } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** Email and password; the API sets the session cookie and returns the CSRF token. */
export function SignInScreen(props: { api: ApiClient; onSignedIn: () => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const passwordField = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await props.api.login(email, password);
      props.onSignedIn();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // Said in the interface's language, and the password field ready to be typed again.
        setErrors({ '': t('signin.wrong') });
        passwordField.current?.select();
      } else setErrors(readFieldErrors(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      <FormErrors errors={errors} fields={['email', 'password']} />
      <Field label={t('signin.email')} error={errors.email}>
        {(a11y) => (
          <input
            {...a11y}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('signin.password')} error={errors.password}>
        {(a11y) => (
          <input
            {...a11y}
            ref={passwordField}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('signin.busy') : t('signin.submit')}
      </button>
    </form>
  );
}
