import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsentField } from '../core/contact/contact-fields.ts';
import { parseMapOption } from '../core/contact/map-header.ts';
import { DomainError } from '../core/domain-error.ts';
import type { Store } from '../store/db.ts';
import {
  failAbandonedJobs,
  findJob,
  insertJob,
  type JobRow,
  listJobs,
  updateJob,
} from '../store/jobs.ts';
import { importContacts } from './import.ts';
import { importList, readListTerms } from './lists.ts';

export const jobKinds = ['contact_import', 'list_import'] as const;
export type JobKind = (typeof jobKinds)[number];

/** Where jobs keep their uploaded input and their rejects file: <dataDir>/jobs. */
export interface JobContext {
  readonly store: Store;
  readonly dir: string;
  readonly clock: () => Date;
}

export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly state: JobRow['state'];
  readonly progress: number;
  readonly result: unknown;
  readonly error: string | null;
  readonly hasRejects: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

export function viewJob(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: row.progress,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    error: row.error,
    hasRejects: row.artifact !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** Ids sort by creation: `job_` + base36 ms + a per-process sequence + random. */
let sequence = 0;
function newJobId(now: Date): string {
  sequence = (sequence + 1) % 36 ** 4;
  const time = now.getTime().toString(36).padStart(9, '0');
  return `job_${time}${sequence.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

const running = new Set<Promise<void>>();

/**
 * Creates a job and runs `work` in the background of this process: the request that created
 * it answers at once with the job, which the client polls. An expected refusal is a
 * `succeeded` job whose result says `ok: false`; an exception is `failed` with a message.
 */
async function startJob(
  ctx: JobContext,
  spec: { workspaceId: string; kind: JobKind; actor: string | null },
  work: (job: { id: string; progress(share: number): void }) => Promise<{
    result: unknown;
    artifact?: string | null;
  }>,
): Promise<JobView> {
  const now = ctx.clock().toISOString();
  const row: JobRow = {
    id: newJobId(ctx.clock()),
    workspace_id: spec.workspaceId,
    kind: spec.kind,
    state: 'queued',
    progress: 0,
    result: null,
    error: null,
    artifact: null,
    created_by: spec.actor,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await insertJob(ctx.store.db, row);
  let lastWrite = 0;
  const run = (async () => {
    await updateJob(ctx.store.db, row.id, { state: 'running' }, ctx.clock().toISOString());
    try {
      const out = await work({
        id: row.id,
        progress(share) {
          const t = Date.now();
          if (t - lastWrite < 250) return;
          lastWrite = t;
          void updateJob(
            ctx.store.db,
            row.id,
            { progress: share },
            ctx.clock().toISOString(),
          ).catch(() => {});
        },
      });
      const at = ctx.clock().toISOString();
      await updateJob(
        ctx.store.db,
        row.id,
        {
          state: 'succeeded',
          progress: 1,
          result: JSON.stringify(out.result),
          artifact: out.artifact ?? null,
          finished_at: at,
        },
        at,
      );
    } catch (error) {
      const at = ctx.clock().toISOString();
      const message =
        error instanceof DomainError ? error.message : 'internal error (see the server log)';
      if (!(error instanceof DomainError))
        process.stderr.write(`job ${row.id}: ${String(error)}\n`);
      await updateJob(
        ctx.store.db,
        row.id,
        { state: 'failed', error: message, finished_at: at },
        at,
      );
    }
  })();
  running.add(run);
  void run.finally(() => running.delete(run));
  return viewJob(row);
}

/** Resolves when every job started by this process has finished (tests, clean stop). */
export async function settleJobs(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}

/** At start-up: jobs a previous process left unfinished are marked failed. */
export async function recoverJobs(store: Store, now: Date): Promise<number> {
  return failAbandonedJobs(store.db, now.toISOString());
}

export async function showJob(store: Store, workspaceId: string, id: string): Promise<JobView> {
  const row = await findJob(store.db, workspaceId, id);
  if (!row) throw new DomainError('not_found', `no job '${id}' in this workspace`);
  return viewJob(row);
}

export async function listWorkspaceJobs(
  store: Store,
  workspaceId: string,
  page: { limit: number; before?: string | undefined },
): Promise<JobRow[]> {
  return listJobs(store.db, workspaceId, page);
}

/**
 * An upload as its messages and its consent events' origin name it: the server's copy is a
 * random path the client never saw; the job id ties the ledger to the job and its audit entry.
 */
function uploadName(jobId: string, fileName: string | null | undefined): string {
  return fileName ? `${fileName} (upload ${jobId})` : `upload ${jobId}`;
}

/** A job's rejects file when it lists rows; otherwise it goes (a header alone, or none). */
async function keptRejects(path: string, rejected: number): Promise<string | null> {
  if (rejected > 0) return path;
  await rm(path, { force: true });
  return null;
}

/** The rejects CSV of an import job (rows refused, with the reason), or not_found. */
export async function readJobRejects(store: Store, workspaceId: string, id: string) {
  const row = await findJob(store.db, workspaceId, id);
  if (!row?.artifact) throw new DomainError('not_found', `no rejects file for job '${id}'`);
  return readFile(row.artifact);
}

export interface ContactImportJobRequest {
  readonly workspaceId: string;
  readonly actor: string | null;
  readonly csv: Uint8Array;
  /** The uploaded file's own name, when the client sent one. */
  readonly fileName?: string | null;
  readonly map?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly encoding?: string | undefined;
  /** Consent evidence for every row that leaves the column blank (`--consent-…` in the CLI). */
  readonly consentDefaults?: Partial<Record<ConsentField, string>>;
}

/** Contact import (issue 2) of an uploaded CSV as a job; rejects downloadable afterwards. */
export async function startContactImport(ctx: JobContext, request: ContactImportJobRequest) {
  if (request.csv.byteLength === 0) {
    throw new DomainError('invalid_input', 'body: the CSV file is empty');
  }
  // A bad mapping is a 400 now, not a job that fails after a 201.
  parseMapOption(request.map);
  mkdirSync(ctx.dir, { recursive: true });
  const stem = join(ctx.dir, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`);
  await writeFile(`${stem}.csv`, request.csv);
  return startJob(
    ctx,
    { workspaceId: request.workspaceId, kind: 'contact_import', actor: request.actor },
    async (job) => {
      try {
        const outcome = await importContacts(ctx.store, {
          file: `${stem}.csv`,
          fileName: uploadName(job.id, request.fileName),
          workspaceId: request.workspaceId,
          now: ctx.clock(),
          rejectsFile: `${stem}.rejects.csv`,
          ...(request.map ? { map: request.map } : {}),
          ...(request.delimiter ? { delimiter: request.delimiter } : {}),
          ...(request.encoding ? { encoding: request.encoding } : {}),
          ...(request.consentDefaults ? { consentDefaults: request.consentDefaults } : {}),
          onProgress: (read, total) => job.progress(total > 0 ? read / total : 0),
        });
        if (!outcome.ok) return { result: outcome };
        const { rejectsFile: _hidden, ...summary } = outcome.summary;
        return {
          result: { ok: true, summary },
          artifact: await keptRejects(`${stem}.rejects.csv`, summary.rejected),
        };
      } finally {
        await rm(`${stem}.csv`, { force: true });
      }
    },
  );
}

export interface ListImportJobRequest {
  readonly workspaceId: string;
  readonly actor: string | null;
  readonly csv: Uint8Array;
  readonly fileName?: string | null;
  readonly name: string;
  readonly description?: string | undefined;
  readonly rentalCpm?: string | undefined;
  readonly purchaseCpm?: string | undefined;
  readonly minimumOrder?: string | undefined;
  readonly seeds?: string | undefined;
  readonly partners?: string | undefined;
}

/** A provider publishes a list (issue 6) from an uploaded CSV, as a job. */
export async function startListImport(ctx: JobContext, request: ListImportJobRequest) {
  if (request.csv.byteLength === 0) {
    throw new DomainError('invalid_input', 'body: the CSV file is empty');
  }
  // Bad terms are a 400 now, not a job that fails after a 201.
  readListTerms(request);
  mkdirSync(ctx.dir, { recursive: true });
  const stem = join(ctx.dir, `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`);
  await writeFile(`${stem}.csv`, request.csv);
  const { csv: _csv, fileName, workspaceId, actor, ...rest } = request;
  return startJob(ctx, { workspaceId, kind: 'list_import', actor }, async (job) => {
    try {
      const outcome = await importList(ctx.store, {
        ...rest,
        file: `${stem}.csv`,
        fileName: uploadName(job.id, fileName),
        workspace: workspaceId,
        rejectsFile: `${stem}.rejects.csv`,
        now: ctx.clock(),
      });
      // The server's path stays on the server: the rows are at GET …/jobs/{id}/rejects.
      const { rejectsFile: _hidden, ...result } = outcome;
      return { result, artifact: await keptRejects(`${stem}.rejects.csv`, outcome.rejected ?? 0) };
    } finally {
      await rm(`${stem}.csv`, { force: true });
    }
  });
}
