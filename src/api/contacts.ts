import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import { countWorkspaceContacts, exportContacts, showContact } from '../services/contacts.ts';
import { consentFields } from '../services/import.ts';
import { startContactImport } from '../services/jobs.ts';
import { jobView } from './jobs.ts';
import { jobsContext } from './jobs-context.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { readUpload } from './read-upload.ts';
import { workspaceParams } from './workspace-params.ts';

const phoneParams = workspaceParams.extend({ phone: z.string().min(3).max(40) });

const contactView = z
  .object({
    id: z.number(),
    phone: z.string(),
    country: z.string().nullable(),
    territory: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    postalCode: z.string().nullable(),
    commune: z.string().nullable(),
    department: z.string().nullable(),
    region: z.string().nullable(),
    birthDate: z.string().nullable(),
    birthYear: z.number().nullable(),
    gender: z.string().nullable(),
    children: z.number().nullable(),
    profession: z.string().nullable(),
    income: z.string().nullable(),
    housing: z.string().nullable(),
    transport: z.array(z.string()),
    interests: z.array(z.string()),
    custom: z.record(z.string(), z.string()),
    source: z.string(),
    lastInteractionAt: z.string().nullable(),
    consent: z.object({
      status: z.string(),
      basis: z.string().nullable(),
      collectedAt: z.string().nullable(),
      validUntil: z.string().nullable(),
    }),
    messageable: z.boolean(),
    consentVerdict: z.string(),
    suppression: z
      .object({ reason: z.string(), origin: z.string(), createdAt: z.string() })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });

export const countContacts = defineOperation({
  summary: 'How many contacts the workspace has (its own, not the lists it rents)',
  tag: 'contacts',
  auth: 'workspace',
  permission: { resource: 'contact', action: 'read' },
  params: workspaceParams,
  response: z.object({ contacts: z.number() }),
  async handle(input) {
    return {
      contacts: await countWorkspaceContacts(input.deps.store, accessOf(input).workspace.id),
    };
  },
});

export const getContact = defineOperation({
  summary: 'One contact by number (any format: 06…, +33…), with consent and suppression',
  tag: 'contacts',
  auth: 'workspace',
  permission: { resource: 'contact', action: 'read' },
  params: phoneParams,
  response: contactView,
  async handle(input) {
    return showContact(
      input.deps.store,
      accessOf(input).workspace.id,
      input.params.phone,
      input.now,
    );
  },
});

export const exportContactsCsv = defineOperation({
  summary: "Export the workspace's own contacts as CSV (rented numbers are never exported)",
  tag: 'contacts',
  auth: 'workspace',
  permission: { resource: 'contact', action: 'export' },
  params: workspaceParams,
  response: z.string().describe('text/csv'),
  async handle(input) {
    const store = input.deps.store;
    const workspaceId = accessOf(input).workspace.id;
    // Streamed with back-pressure: the export never sits whole in memory.
    let wake: (() => void) | undefined;
    let cancelled = false;
    const lines = new ReadableStream<string>(
      {
        start(controller) {
          void exportContacts(store, workspaceId, async (line) => {
            if (cancelled) throw new Error('export cancelled by the client');
            controller.enqueue(line);
            if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (wake = r));
          }).then(
            async (contacts) => {
              // Who carried the customer file away, and how much of it: the audit says.
              await recordAudit(
                store,
                {
                  workspaceId,
                  actor: principalOf(input),
                  action: 'contacts.export',
                  details: { contacts },
                },
                input.now,
              );
              controller.close();
            },
            (error: unknown) => {
              if (!cancelled) controller.error(error);
            },
          );
        },
        pull() {
          wake?.();
          wake = undefined;
        },
        cancel() {
          cancelled = true;
          wake?.();
        },
      },
      { highWaterMark: 256 },
    );
    return new Response(lines.pipeThrough(new TextEncoderStream()), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="contacts.csv"',
      },
    });
  },
});

/** The file-wide consent evidence, one optional text per `consent_*` column. */
const consentDefaultsQuery = Object.fromEntries(
  consentFields.map((f) => [f, z.string().max(2000).optional()]),
) as Record<(typeof consentFields)[number], z.ZodOptional<z.ZodString>>;

export const importContactsCsv = defineOperation({
  summary: 'Import contacts from a CSV upload: answers 202-like with a job to poll',
  description:
    'Body: the CSV as `text/csv`, or `multipart/form-data` with the field `file`. Query: ' +
    '`map` (column=field,…), `delimiter` (auto , ; tab), `encoding` (auto utf-8 windows-1252), ' +
    'and any `consent_*` column (consent_basis, consent_mechanism, consent_wording, ' +
    'consent_collected_at, …) as the evidence of every row that leaves it blank, as the CLI ' +
    '`--consent-…` options do. Poll GET …/jobs/{id}; the refused rows are at GET …/jobs/{id}/rejects.',
  tag: 'contacts',
  auth: 'workspace',
  permission: { resource: 'contact', action: 'create' },
  params: workspaceParams,
  query: z.object({
    map: z.string().max(4000).optional(),
    delimiter: z.enum(['auto', ',', ';', 'tab']).optional(),
    encoding: z.enum(['auto', 'utf-8', 'windows-1252']).optional(),
    ...consentDefaultsQuery,
  }),
  response: jobView,
  status: 201,
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const principal = principalOf(input);
    const job = await startContactImport(jobsContext(input.deps), {
      workspaceId,
      actor: `${principal.kind}:${principal.id}`,
      ...(await readUpload(input.c)),
      map: input.query.map,
      delimiter: input.query.delimiter,
      encoding: input.query.encoding,
      consentDefaults: Object.fromEntries(
        consentFields.flatMap((f) => {
          const v = input.query[f];
          return v === undefined || v.trim() === '' ? [] : [[f, v]];
        }),
      ),
    });
    await recordAudit(
      input.deps.store,
      {
        workspaceId,
        actor: principal,
        action: 'contacts.import',
        target: { kind: 'job', id: job.id },
      },
      input.now,
    );
    return job;
  },
});
