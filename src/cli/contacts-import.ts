import { DomainError } from '../core/domain-error.ts';
import { type ImportSummary, importContacts } from '../services/import.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes, type Io } from './command.ts';
import { writeJson, writeLine } from './output.ts';

const consentOptions = [
  'basis',
  'mechanism',
  'wording',
  'wording-version',
  'collected-at',
  'source',
  'form-url',
  'ip',
  'user-agent',
  'prechecked',
  'bundled-with-terms',
  'partner',
  'partner-list-url',
  'partner-list-version',
  'customer-purchase',
  'objection-offered',
] as const;

/** `texto contacts import FILE`: contacts with their consent, from a CSV (issue 4 Contract). */
export const contactsImport: Command = {
  name: 'contacts import',
  summary: 'Import contacts and their consent from a CSV file (UTF-8 or Windows-1252, , or ;)',
  usage:
    'FILE [--map column=field,...] [--delimiter auto|,|;|tab] [--encoding auto|utf-8|windows-1252]\n' +
    '  [--consent-basis B] [--consent-mechanism M] [--consent-wording TEXT] [--consent-collected-at ISO]\n' +
    '  [--consent-<any consent_* column>=VALUE ...] [--rejects FILE] [--workspace W] [--json]\n\n' +
    'Rows that fail go to the rejects CSV (default FILE.rejects.csv) with line and reason.\n' +
    'A file that is an opt-out source or lacks consent evidence is refused as a whole (exit 1).',
  options: {
    map: { type: 'string' },
    delimiter: { type: 'string' },
    encoding: { type: 'string' },
    rejects: { type: 'string' },
    workspace: { type: 'string' },
    ...Object.fromEntries(consentOptions.map((o) => [`consent-${o}`, { type: 'string' as const }])),
  },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const file = positionals[0];
    if (!file) throw new DomainError('invalid_input', 'missing FILE: texto contacts import FILE');
    const consentDefaults: Record<string, string> = {};
    for (const o of consentOptions) {
      const v = values[`consent-${o}`];
      if (typeof v === 'string') consentDefaults[`consent_${o.replaceAll('-', '_')}`] = v;
    }
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const progress = io.interactive && !json ? drawProgress(io) : undefined;
    const outcome = await importContacts(store, {
      file,
      workspaceId: workspace.id,
      map: values.map as string | undefined,
      delimiter: values.delimiter as string | undefined,
      encoding: values.encoding as string | undefined,
      rejectsFile: values.rejects as string | undefined,
      consentDefaults,
      now: new Date(),
      ...(progress ? { onProgress: progress } : {}),
    });
    if (progress) io.stderr.write('\n');
    if (!outcome.ok) {
      throw new DomainError('refused', outcome.message, {
        reason: outcome.reason,
        line: outcome.line,
        ...(outcome.missing ? { missing: outcome.missing } : {}),
      });
    }
    if (json) writeJson(io, outcome.summary);
    else printSummary(io, outcome.summary, workspace.name);
    return exitCodes.ok;
  },
};

function drawProgress(io: Io) {
  let last = -1;
  return (done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
    io.stderr.write(`\r[${bar}] ${String(pct).padStart(3)}%  ${(done / 1e6).toFixed(1)} MB`);
  };
}

/** The summary, naming the workspace: an agency importing for several clients sees where. */
function printSummary(io: Io, s: ImportSummary, workspace: string): void {
  writeLine(
    io,
    `${s.rows} rows into workspace ${workspace}: ${s.imported} imported, ${s.updated} updated, ` +
      `${s.unchanged} unchanged, ${s.duplicates} duplicates merged, ${s.rejected} rejected (${s.durationMs} ms)`,
  );
  for (const [reason, n] of Object.entries(s.rejectedByReason)) writeLine(io, `  ${reason}: ${n}`);
  if (s.suppressed > 0) writeLine(io, `${s.suppressed} imported numbers stay suppressed (STOP)`);
  if (s.ignoredColumns.length > 0) writeLine(io, `ignored columns: ${s.ignoredColumns.join(', ')}`);
  writeLine(io, `rejects: ${s.rejectsFile}`);
}
