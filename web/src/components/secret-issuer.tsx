import { useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { readFieldErrors } from '../field-errors.ts';

/**
 * The pattern of resources whose secret is shown once (API keys, webhooks): create with a
 * POST that answers `{ secret }`, delete by id, reload the list after each, and keep the API's
 * errors by field for the form.
 */
export function useSecretIssuer(api: ApiClient, base: string, reload: () => void) {
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** True when created (the caller then clears its form). */
  async function create(body: unknown): Promise<boolean> {
    try {
      const answer = await api.post<{ secret: string }>(base, body);
      setSecret(answer.secret);
      setErrors({});
      reload();
      return true;
    } catch (error) {
      setErrors(readFieldErrors(error));
      return false;
    }
  }
  async function remove(id: string) {
    try {
      await api.del(`${base}/${id}`);
      reload();
    } catch (error) {
      setErrors(readFieldErrors(error));
    }
  }
  return { secret, errors, create, remove };
}

/** The secret just created, with the sentence saying it will not be shown again. */
export function SecretNotice(props: { secret: string; message: string; testId?: string }) {
  if (!props.secret) return null;
  return (
    <div className="notice" role="status">
      <p>{props.message}</p>
      <code data-testid={props.testId}>{props.secret}</code>
    </div>
  );
}
