import { z } from 'zod';
import { findMessageWorstCase, worstCaseRequest } from '../services/message-worst-case.ts';
import { accessOf, defineOperation } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

const encoding = z.enum(['GSM-7', 'UCS-2']);

const worstCaseView = z
  .object({
    placeholders: z.array(z.string()).readonly(),
    scope: z.enum(['audiences', 'workspace']),
    recipients: z.number().nullable(),
    units: z.number(),
    parts: z.number(),
    encoding,
    anyEncoding: encoding,
    values: z
      .array(
        z.object({
          placeholder: z.string(),
          value: z.string().nullable(),
          length: z.number(),
          masked: z.boolean(),
        }),
      )
      .readonly(),
    ucs2Cause: z
      .object({ placeholder: z.string(), value: z.string().nullable(), masked: z.boolean() })
      .nullable(),
    missing: z.number(),
  })
  .meta({ id: 'MessageWorstCase' });

export const findWorstCase = defineOperation({
  summary:
    'Worst case of a text over its recipients’ placeholder values (longest, parts, encoding)',
  description:
    'For the audiences and licences given (none: every contact of the workspace), the eligible ' +
    'recipients are read as the preflight reads them and the worst message is measured: most ' +
    'parts, then most units. The values that produce it are returned, except those of rented ' +
    'contacts, of which only the length leaves the platform (`masked`).',
  tag: 'messages',
  auth: 'workspace',
  permission: { resource: 'campaign', action: 'read' },
  params: workspaceParams,
  body: worstCaseRequest,
  response: worstCaseView,
  async handle(input) {
    return findMessageWorstCase(
      input.deps.store,
      accessOf(input).workspace.id,
      input.body,
      input.now,
    );
  },
});
