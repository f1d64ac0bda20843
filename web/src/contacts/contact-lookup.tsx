import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';

interface Contact {
  phone: string;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
  department: string | null;
  consent: {
    status: string;
    basis: string | null;
    collectedAt: string | null;
    validUntil: string | null;
  };
  messageable: boolean;
  consentVerdict: string;
  suppression: { reason: string; createdAt: string } | null;
}
interface ConsentProof {
  events: Record<string, unknown>[];
  chainValid: boolean;
  chainProblem?: { seq: number; reason: string };
}

/** Finds a contact by number and shows its consent history with the proof chain check. */
export function ContactLookup(props: { api: ApiClient; workspaceId: string }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [found, setFound] = useState<{ contact: Contact; proof: ConsentProof } | undefined>();

  async function search(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setFound(undefined);
    const base = `/api/workspaces/${props.workspaceId}`;
    const key = encodeURIComponent(phone.trim());
    try {
      const [contact, proof] = await Promise.all([
        props.api.get<Contact>(`${base}/contacts/${key}`),
        props.api.get<ConsentProof>(`${base}/consent/${key}`),
      ]);
      setFound({ contact, proof });
    } catch (err) {
      const errors = readFieldErrors(err);
      setError(errors.phone ?? Object.values(errors)[0]);
    }
  }

  const c = found?.contact;
  return (
    <form className="card" onSubmit={search}>
      <h2>{t('contacts.search')}</h2>
      <Field label={t('contacts.phone')} hint={t('contacts.phoneHint')} error={error}>
        {(a) => (
          <input {...a} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        )}
      </Field>
      <button type="submit">{t('contacts.find')}</button>
      {c && found && (
        <div data-testid="contact">
          <h3>
            {c.phone} {c.firstName ?? ''} {c.lastName ?? ''}
          </h3>
          <p>
            {t('contacts.consent')}: <strong>{c.consent.status}</strong> ({c.consent.basis ?? '—'}),{' '}
            {t('contacts.validUntil')} {c.consent.validUntil?.slice(0, 10) ?? '—'} ·{' '}
            {c.messageable
              ? t('contacts.messageable')
              : t('contacts.notMessageable', { why: c.consentVerdict })}
          </p>
          {c.suppression && (
            <p className="blocked">
              {t('contacts.suppressed', {
                reason: c.suppression.reason,
                at: c.suppression.createdAt.slice(0, 10),
              })}
            </p>
          )}
          <h4>{t('contacts.history')}</h4>
          <p className={found.proof.chainValid ? 'ok' : 'blocked'} data-testid="chain">
            {found.proof.chainValid
              ? t('contacts.chainValid')
              : t('contacts.chainBroken', { seq: found.proof.chainProblem?.seq ?? '?' })}
          </p>
          <ol className="events">
            {found.proof.events.map((ev, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the ledger order is the identity
              <li key={i}>
                {Object.entries(ev)
                  .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
                  .map(([k, v]) => `${k}: ${String(v)}`)
                  .join(' · ')}
              </li>
            ))}
          </ol>
        </div>
      )}
    </form>
  );
}
