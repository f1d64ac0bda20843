import { z } from 'zod';
import { recordAudit } from '../services/audit.ts';
import { proveConsent, recordOptOut } from '../services/consent.ts';
import { requireNumber } from '../services/suppression.ts';
import { accessOf, defineOperation, principalOf } from './operation.ts';
import { workspaceParams } from './workspace-params.ts';

const phoneParams = workspaceParams.extend({ phone: z.string().min(3).max(40) });

const consentState = z.object({
  status: z.string(),
  basis: z.string().nullable(),
  collectedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
});

const consentProofView = z
  .object({
    phone: z.string(),
    state: consentState,
    events: z.array(z.record(z.string(), z.unknown())),
    chainValid: z.boolean().describe('The hash chain of the ledger is intact'),
    chainProblem: z.object({ seq: z.number(), reason: z.string() }).optional(),
  })
  .meta({ id: 'ConsentProof' });

export const getConsentProof = defineOperation({
  summary: 'The consent proof of a number: every ledger event and the chain check (CNIL proof)',
  tag: 'consent',
  auth: 'workspace',
  permission: { resource: 'consent', action: 'read' },
  params: phoneParams,
  response: consentProofView,
  async handle(input) {
    const proof = await proveConsent(
      input.deps.store,
      accessOf(input).workspace.id,
      requireNumber(input.params.phone),
    );
    return proof as unknown as z.input<typeof consentProofView>;
  },
});

export const recordConsentOptOut = defineOperation({
  summary: 'Record an opt-out received outside SMS (phone call, form, e-mail)',
  tag: 'consent',
  auth: 'workspace',
  permission: { resource: 'consent', action: 'create' },
  params: phoneParams,
  body: z.strictObject({ channel: z.string().min(1).max(60).default('api') }),
  response: z.object({ phone: z.string(), state: consentState }),
  status: 201,
  async handle(input) {
    const workspaceId = accessOf(input).workspace.id;
    const phone = requireNumber(input.params.phone);
    const out = await recordOptOut(input.deps.store, workspaceId, phone, {
      origin: `api:${input.body.channel}`,
      now: input.now,
      reason: 'manual',
    });
    await recordAudit(
      input.deps.store,
      { workspaceId, actor: principalOf(input), action: 'consent.opt_out', details: {} },
      input.now,
    );
    return { phone, state: out.state };
  },
});
