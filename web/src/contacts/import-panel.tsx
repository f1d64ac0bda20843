import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import { Field } from '../components/field.tsx';
import { FormErrors } from '../components/form-errors.tsx';
import { readFieldErrors } from '../field-errors.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { type ConsentEvidence, ConsentEvidenceFields } from './consent-evidence-fields.tsx';
import { JobProgress } from './job-progress.tsx';
import { buildMapQuery, type CsvHeader, decodeCsvStart, readCsvHeader } from './read-csv-header.ts';
import { type Job, useJob } from './use-job.ts';

/**
 * CSV upload with a column mapping step (proposed by the same core function as the server),
 * then the import job's progress bar, its summary and the rejects report.
 * `path` is the upload route (contacts or a provider's list); `query` extra parameters;
 * `consentEvidence` offers the file-wide consent evidence (own contacts).
 */
export function ImportPanel(props: {
  api: ApiClient;
  workspaceId: string;
  path: string;
  fields: readonly string[];
  query?: Record<string, string>;
  title: string;
  consentEvidence?: boolean;
  onDone?: () => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | undefined>();
  const [header, setHeader] = useState<CsvHeader | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [evidence, setEvidence] = useState<ConsentEvidence>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [started, setStarted] = useState<Job | undefined>();
  const job = useJob(props.api, props.workspaceId, started);

  async function pick(f: File | undefined) {
    setFile(f);
    setStarted(undefined);
    if (!f) return;
    const start = new Uint8Array(await f.slice(0, 64 * 1024).arrayBuffer());
    const h = readCsvHeader(decodeCsvStart(start));
    setHeader(h);
    setChosen([...h.proposed]);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || !header) return;
    setErrors({});
    try {
      const map = buildMapQuery(header, chosen);
      const answer = await props.api.upload<Job>(props.path, file, 'text/csv', {
        ...props.query,
        ...(map ? { map } : {}),
        ...(props.consentEvidence ? definedOnly(evidence) : {}),
        delimiter: header.delimiter,
      });
      setStarted(answer);
    } catch (error) {
      setErrors(readFieldErrors(error));
    }
  }

  return (
    <form className="card" onSubmit={submit}>
      <h2>{props.title}</h2>
      <FormErrors errors={errors} fields={[]} />
      <Field label={t('import.file')} hint={t('import.fileHint')}>
        {(a) => (
          <input
            {...a}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => pick(e.target.files?.[0])}
          />
        )}
      </Field>
      {header && (
        <table className="mapping">
          <caption>{t('import.mapping')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {header.columns.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td>
                  <select
                    aria-label={t('import.fieldOf', { column: c })}
                    value={chosen[i] ?? ''}
                    onChange={(e) =>
                      setChosen(chosen.map((v, j) => (j === i ? e.target.value : v)))
                    }
                  >
                    <option value="">{t('import.ignored')}</option>
                    {props.fields.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                    {chosen[i]?.startsWith('custom.') && (
                      <option value={chosen[i]}>{chosen[i]}</option>
                    )}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {header && props.consentEvidence && (
        <ConsentEvidenceFields value={evidence} onChange={setEvidence} />
      )}
      <button type="submit" className="primary" disabled={!header || job?.state === 'running'}>
        {t('import.start')}
      </button>
      {job && (
        <JobProgress
          api={props.api}
          workspaceId={props.workspaceId}
          job={job}
          onDone={props.onDone}
        />
      )}
    </form>
  );
}

function definedOnly(evidence: ConsentEvidence): Record<string, string> {
  return Object.fromEntries(
    Object.entries(evidence).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
