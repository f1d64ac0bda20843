import { type FormEvent, useContext, useEffect, useState } from 'react';
import { purposes, sectors } from '../../../src/core/campaign/campaign-codes.ts';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import type { WorkspaceSettings } from '../components/settings-types.ts';
import { type Draft, MessageComposer } from '../composer/message-composer.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { I18nContext, useT } from '../i18n/i18n-context.tsx';
import { plainProblem } from '../plain-problem.ts';
import { useResource } from '../use-resource.ts';
import type { Campaign } from './campaign-types.ts';

/** A local datetime-local value as an ISO instant with its offset (what the API takes). */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The instant when it is still ahead, else undefined. */
function ahead(iso: string | null | undefined): string | undefined {
  return iso && Date.parse(iso) > Date.now() ? iso : undefined;
}

/** An ISO instant as a datetime-local value in the reader's time zone ('' when none). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Creates a draft campaign: name, the composer (sender, text, counter, STOP), audiences and
 * licences, purpose and sector, schedule (start, finish-by, best slots), throughput. `from`
 * pre-fills a copy to fix; `editing` edits that draft in place (PATCH, only what changed).
 */
export function CampaignForm(props: {
  api: ApiClient;
  workspaceId: string;
  from?: Campaign | undefined;
  editing?: Campaign | undefined;
  onCreated: (campaign: Campaign) => void;
}) {
  const t = useT();
  const { lang } = useContext(I18nContext);
  const base = `/api/workspaces/${props.workspaceId}`;
  const audiences = useResource(
    () => props.api.get<{ items: { name: string }[] }>(`${base}/audiences`),
    base,
  );
  const licences = useResource(
    () =>
      props.api.get<{
        items: {
          id: string;
          type: string;
          list: { name: string };
          contacts: number;
          state: string;
        }[];
      }>(`${base}/licences`),
    `${base}/licences`,
  );
  const settings = useResource(
    () => props.api.get<WorkspaceSettings>(`${base}/settings`),
    `${base}/settings`,
  );
  const editing = props.editing;
  const from = editing ?? props.from;
  const [name, setName] = useState(editing?.name ?? (from ? `${from.name} (v2)` : ''));
  const [draft, setDraft] = useState<Draft>({
    sender: from?.sender ?? '',
    text: from?.text ?? '',
    stopCode: '',
  });
  const [chosenAudiences, setAudiences] = useState<string[]>(from?.audiences ?? []);
  const [chosenLicences, setLicences] = useState<string[]>(from?.licences ?? []);
  // A corrected copy keeps its original's dates while they are still ahead (a Fête des mères
  // campaign set for 6–12 Dec must not become "as soon as possible").
  const initialStart = toLocalInput(editing?.schedule.start ?? ahead(props.from?.schedule.start));
  const initialFinishBy = toLocalInput(
    editing?.schedule.finishBy ?? ahead(props.from?.schedule.finishBy),
  );
  const [start, setStart] = useState(initialStart);
  const [finishBy, setFinishBy] = useState(initialFinishBy);
  const [purpose, setPurpose] = useState(from?.purpose ?? 'promotional');
  const [sector, setSector] = useState(from?.sector ?? 'general');
  const [slots, setSlots] = useState<'asap' | 'best'>(
    (from?.schedule.slots as 'asap' | 'best') ?? 'asap',
  );
  const [tps, setTps] = useState(String(from?.tps ?? 10));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A new campaign starts from the workspace's default sender and STOP code (Réglages).
  const defaults = settings.data;
  useEffect(() => {
    if (!defaults || from) return;
    setDraft((d) => ({
      ...d,
      sender: d.sender || (defaults.defaultSender ?? ''),
      stopCode: d.stopCode || (defaults.effectiveStopCode ?? ''),
    }));
  }, [defaults, from]);

  const toggle = (list: string[], set: (v: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const settings = {
      name,
      sender: draft.sender,
      text: draft.text,
      purpose,
      sector,
      audiences: chosenAudiences,
      licences: chosenLicences,
      slots,
      ...(tps.trim() ? { tps: Number(tps) } : {}),
    };
    try {
      const saved = editing
        ? await props.api.patch<Campaign>(`${base}/campaigns/${editing.id}`, {
            ...settings,
            // Untouched dates are left out: the minute-precision input would round them.
            ...(start !== initialStart && toInstant(start) ? { start: toInstant(start) } : {}),
            ...(finishBy !== initialFinishBy ? { finishBy: toInstant(finishBy) ?? null } : {}),
          })
        : await props.api.post<Campaign>(`${base}/campaigns`, {
            ...settings,
            ...(toInstant(start) ? { start: toInstant(start) } : {}),
            ...(toInstant(finishBy) ? { finishBy: toInstant(finishBy) } : {}),
          });
      setErrors({});
      props.onCreated(saved);
    } catch (error) {
      setErrors(readFieldErrors(error));
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="cf-title">
      <h2 id="cf-title">
        {editing ? t('campaign.editTitle') : from ? t('campaign.fixCopy') : t('campaign.new')}
      </h2>
      <FormErrors
        errors={errors}
        fields={[
          'name',
          'sender',
          'text',
          'start',
          'finishBy',
          'slots',
          'purpose',
          'sector',
          'policy',
          'audiences',
          'licences',
          'tps',
        ]}
      />
      <Field label={t('campaign.name')} error={errors.name}>
        {(a) => <input {...a} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <MessageComposer
        api={props.api}
        workspaceId={props.workspaceId}
        draft={draft}
        onChange={setDraft}
        audiences={chosenAudiences}
        licences={chosenLicences}
      />
      {(['sender', 'text'] as const).map(
        (k) =>
          errors[k] && (
            <p key={k} className="field-error" role="alert" data-field={k}>
              {t(k === 'sender' ? 'compose.sender' : 'compose.text')} :{' '}
              {plainProblem(errors[k], lang)}
            </p>
          ),
      )}
      <fieldset>
        <legend>{t('campaign.audiences')}</legend>
        {audiences.data?.items.length === 0 && <p className="muted">{t('campaign.noAudience')}</p>}
        {audiences.data?.items.map((a) => (
          <label key={a.name} className="check-line">
            <input
              type="checkbox"
              checked={chosenAudiences.includes(a.name)}
              onChange={() => toggle(chosenAudiences, setAudiences, a.name)}
            />{' '}
            {a.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('campaign.licences')}</legend>
        {licences.data?.items
          .filter((l) => l.state === 'active')
          .map((l) => (
            <label key={l.id} className="check-line">
              <input
                type="checkbox"
                checked={chosenLicences.includes(l.id)}
                onChange={() => toggle(chosenLicences, setLicences, l.id)}
              />{' '}
              {l.list.name} — {l.type === 'rental' ? t('market.rental') : t('market.purchase')} —{' '}
              {l.contacts.toLocaleString()} ({l.id})
            </label>
          ))}
      </fieldset>
      <Field label={t('campaign.purpose')} error={errors.purpose}>
        {(a) => (
          <select {...a} value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            {purposes.map((p) => (
              <option key={p} value={p}>
                {t(`campaign.purpose.${p}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('campaign.sector')} error={errors.sector}>
        {(a) => (
          <select {...a} value={sector} onChange={(e) => setSector(e.target.value)}>
            {sectors.map((code) => (
              <option key={code} value={code}>
                {t(`campaign.sector.${code}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('campaign.start')} hint={t('campaign.startHint')} error={errors.start}>
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('campaign.finishBy')} error={errors.finishBy}>
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            value={finishBy}
            onChange={(e) => setFinishBy(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('campaign.slots')} error={errors.slots}>
        {(a) => (
          <select
            {...a}
            value={slots}
            onChange={(e) => setSlots(e.target.value as 'asap' | 'best')}
          >
            <option value="asap">{t('campaign.slots.asap')}</option>
            <option value="best">{t('campaign.slots.best')}</option>
          </select>
        )}
      </Field>
      <Field label={t('campaign.tps')} hint={t('campaign.tpsHint')} error={errors.tps}>
        {(a) => (
          <input {...a} inputMode="numeric" value={tps} onChange={(e) => setTps(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="primary">
        {editing ? t('campaign.save') : t('campaign.create')}
      </button>
    </form>
  );
}
