import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import { listWorkspaceJobs, readJobRejects, showJob, viewJob } from '../services/jobs.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { pageOf, pageQuery, paginated, readCursor } from './pagination.ts';
import { workspaceParams } from './workspace-params.ts';

export const jobView = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.number().min(0).max(1),
    result: z
      .unknown()
      .describe('The outcome: `{ ok: true, summary }` or `{ ok: false, reason, message }`'),
    error: z.string().nullable(),
    hasRejects: z.boolean().describe('GET …/jobs/{jobId}/rejects downloads the refused rows'),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

const jobParams = workspaceParams.extend({ jobId: z.string().min(1).max(100) });

export const listJobs = defineOperation({
  summary: 'Jobs of the workspace (imports…), newest first',
  tag: 'jobs',
  auth: 'workspace',
  permission: { resource: 'job', action: 'read' },
  params: workspaceParams,
  query: pageQuery,
  response: paginated(jobView),
  async handle(input) {
    const { limit, cursor } = input.query;
    const rows = await listWorkspaceJobs(input.deps.store, accessOf(input).workspace.id, {
      limit: limit + 1,
      before: readCursor(cursor, z.string()),
    });
    return pageOf(rows, limit, (j) => j.id, viewJob);
  },
});

export const getJob = defineOperation({
  summary: 'One job: poll it until `state` is succeeded or failed',
  tag: 'jobs',
  auth: 'workspace',
  permission: { resource: 'job', action: 'read' },
  params: jobParams,
  response: jobView,
  async handle(input) {
    return showJob(input.deps.store, accessOf(input).workspace.id, input.params.jobId);
  },
});

export const getJobRejects = defineOperation({
  summary:
    'The refused rows of an import job, as CSV with the reason of each (the rows as the file gave them: for roles that may export contacts)',
  tag: 'jobs',
  auth: 'workspace',
  permission: { resource: 'contact', action: 'export' },
  params: jobParams,
  response: z.string().describe('text/csv'),
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const csv = await readJobRejects(input.deps.store, workspaceId, input.params.jobId);
    await recordAudit(
      input.deps.store,
      {
        workspaceId,
        actor: principalOf(input),
        action: 'job.rejects_download',
        target: { kind: 'job', id: input.params.jobId },
      },
      input.now,
    );
    return new Response(new Uint8Array(csv), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${input.params.jobId}-rejects.csv"`,
      },
    });
  },
});
