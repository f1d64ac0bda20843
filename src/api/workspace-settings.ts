import { z } from 'zod';
import { changeWorkspaceSettings, readWorkspaceSettings } from '../services/workspace-settings.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

const transportView = z
  .object({
    kind: z.enum(['simulator', 'smpp', 'kannel', 'webhook']),
    host: z.string().nullable(),
    port: z.number().nullable(),
    tps: z.number().nullable().describe('SMPP: SMS parts per second, all binds together'),
    binds: z.number().nullable(),
    window: z.number().nullable().describe('SMPP: submits in flight per bind'),
    longMessages: z.enum(['udh', 'sar', 'payload']).nullable(),
    bindMode: z.enum(['transceiver', 'transmitter-receiver']).nullable(),
    tls: z.boolean(),
  })
  .describe('Read-only: the transport of this process (TEXTO_TRANSPORT), never its secrets')
  .meta({ id: 'TransportView' });

const settingsView = z
  .object({
    rightsMention: z
      .string()
      .nullable()
      .describe('LIST-03: token (e.g. a short link) the first message to list contacts carries'),
    strictPartners: z
      .boolean()
      .describe('LIST-01 strict: refuse campaigns on lists that do not name this workspace'),
    senders: z
      .array(z.string())
      .readonly()
      .describe('Approved sender names (TX-SND-01); empty = any sender the rules accept'),
    defaultSender: z.string().nullable().describe('Sender of new campaigns that name none'),
    stopCode: z.string().nullable().describe("The workspace's STOP short code (FR-MSG-02)"),
    effectiveStopCode: z
      .string()
      .nullable()
      .describe('The STOP code the checks use: stopCode, else the process TEXTO_STOP_CODE'),
    stopMismatch: z
      .array(z.object({ id: z.string(), name: z.string(), state: z.string() }))
      .readonly()
      .describe('Campaigns that may still send but mention another STOP code: they are blocked'),
    defaultPolicy: z.string().nullable().describe('Window policy of new campaigns'),
    effectivePolicy: z.string().describe('defaultPolicy, else the rule pack default (brief)'),
    transport: transportView,
  })
  .meta({ id: 'WorkspaceSettings' });

export const getSettings = defineOperation({
  summary: 'Settings of the workspace: senders, STOP code, window policy, transport, marketplace',
  tag: 'workspaces',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'read' },
  params: workspaceParams,
  response: settingsView,
  async handle(input) {
    return readWorkspaceSettings(input.deps.store, input.deps.config, accessOf(input).workspace.id);
  },
});

export const changeSettings = defineOperation({
  summary: 'Change the settings of the workspace (audited)',
  description:
    'Only the fields given change; null removes a value. Each sender is checked with the ' +
    'sender rules (FR-SND-01..03); the default sender must be approved; the STOP code is a ' +
    '5-digit short code; the policy is brief, charter or custom:… and never looser than the ' +
    "operators' charter. Refusals name the field (`senders.1: …`).",
  tag: 'workspaces',
  auth: 'workspace',
  permission: { resource: 'workspace', action: 'update' },
  params: workspaceParams,
  body: z.strictObject({
    rightsMention: z.string().max(60).nullable().optional(),
    strictPartners: z.boolean().optional(),
    senders: z.array(z.string().max(20)).max(20).optional(),
    defaultSender: z.string().max(20).nullable().optional(),
    stopCode: z.string().max(10).nullable().optional(),
    defaultPolicy: z.string().max(120).nullable().optional(),
  }),
  response: settingsView,
  async handle(input) {
    const { store, config } = input.deps;
    const workspaceId = accessOf(input).workspace.id;
    await changeWorkspaceSettings(
      store,
      principalOf(input),
      workspaceId,
      input.body,
      input.now,
      config.senderDenylist,
    );
    return readWorkspaceSettings(store, config, workspaceId);
  },
});
