import { z } from 'zod';
import { messageCheckRequest } from '../services/message.ts';
import { checkWorkspaceMessage as checkInWorkspace } from '../services/workspace-message-check.ts';
import { accessOf, defineOperation } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

/**
 * The example resource: a workspace route wired to an existing service. Copy this file to add
 * a resource: schemas here, the logic in src/services, one line per route in routes.ts.
 */
const measure = {
  encoding: z.enum(['GSM-7', 'UCS-2']),
  units: z.number(),
  parts: z.number(),
  perPart: z.number(),
  nonGsm: z.array(z.object({ char: z.string(), index: z.number() })).readonly(),
};

const messageCheckView = z
  .object({
    text: z.string(),
    ...measure,
    stop: z.object({ present: z.boolean(), code: z.string().nullable() }),
    sender: z
      .object({
        valid: z.boolean(),
        kind: z.enum(['alphanumeric', 'short-code', 'number', 'invalid']),
        reason: z.string().optional(),
      })
      .nullable(),
    violations: z
      .array(
        z.object({
          rule: z.string(),
          layer: z.enum(['law', 'charter', 'policy', 'advice']),
          severity: z.enum(['block', 'warn']),
          message: z.string(),
        }),
      )
      .readonly(),
    ok: z.boolean(),
    transliterated: z.boolean().optional(),
    before: z.object({ text: z.string(), ...measure }).optional(),
    replacements: z
      .array(z.object({ char: z.string(), index: z.number(), with: z.string() }))
      .readonly()
      .optional(),
    appendedStop: z.boolean().optional(),
  })
  .meta({ id: 'MessageCheck' });

export const checkWorkspaceMessage = defineOperation({
  summary: 'Check a message text: encoding, parts, STOP mention, sender (FR-MSG-02/04, FR-SND-*)',
  description:
    'Uses the workspace settings (STOP code, approved senders) and the configuration (max parts, ' +
    'sender deny list); fields of the request override them. `ok` is false when a blocking rule is broken; the answer is still 200.',
  tag: 'messages',
  auth: 'workspace',
  permission: { resource: 'message', action: 'read' },
  params: workspaceParams,
  body: messageCheckRequest,
  response: messageCheckView,
  async handle(input) {
    const { store, config } = input.deps;
    return checkInWorkspace(store, config, accessOf(input).workspace.id, input.body);
  },
});
