import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { compileTemplate } from '../core/message/compile-template.ts';
import { findWorstCase } from '../core/message/find-worst-case.ts';
import { measureText } from '../core/message/measure-text.ts';
import type { Encoding } from '../core/message/part-capacity.ts';
import type { PreflightRecipient } from '../core/preflight/preflight-recipient.ts';
import { screenRecipients } from '../core/preflight/screen-recipients.ts';
import type { Store } from '../store/db.ts';
import { loadCampaignRecipients } from './campaign-recipients.ts';
import { resolveWorkspace } from './workspaces.ts';

/** The composer's question: this text, for these audiences and licences (none: every contact). */
export const worstCaseRequest = z.strictObject({
  text: z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
    .min(1, 'must not be empty')
    .max(2000, 'must be at most 2000 characters'),
  audiences: z.array(z.string().min(1).max(120)).max(20).optional(),
  licences: z.array(z.string().min(1).max(100)).max(20).optional(),
});

/** What one placeholder holds in the worst message; a rented contact's value never leaves. */
export interface PlaceholderValue {
  readonly placeholder: string;
  /** Null when masked (a rental) or when the recipient has no value (the fallback is used). */
  readonly value: string | null;
  readonly length: number;
  readonly masked: boolean;
}

export interface MessageWorstCase {
  readonly placeholders: readonly string[];
  /** `audiences`: the chosen audiences and licences; `workspace`: every contact of it. */
  readonly scope: 'audiences' | 'workspace';
  /** Eligible recipients measured (as the preflight screens them); null: no placeholder. */
  readonly recipients: number | null;
  /** The worst message (most parts, then most units): its units, parts and encoding. */
  readonly units: number;
  readonly parts: number;
  readonly encoding: Encoding;
  /** UCS-2 as soon as one recipient's message is UCS-2 (the preflight's figure). */
  readonly anyEncoding: Encoding;
  /** The placeholder values of the worst message. */
  readonly values: readonly PlaceholderValue[];
  /** What first forced UCS-2 when a recipient's value did (masked for a rental). */
  readonly ucs2Cause: {
    readonly placeholder: string;
    readonly value: string | null;
    readonly masked: boolean;
  } | null;
  /** Recipients lacking a value for a placeholder written without fallback. */
  readonly missing: number;
}

/**
 * The worst rendering of a text over the real values of its recipients, with the preflight's
 * own pieces: recipients read as a campaign's (loadCampaignRecipients), screened as the
 * preflight does (only eligible ones count), measured by the core's findWorstCase. Values of
 * rented contacts are reduced to their length: they belong to the provider (LIST-05).
 */
export async function findMessageWorstCase(
  store: Store,
  workspace: string,
  input: unknown,
  now: Date,
): Promise<MessageWorstCase> {
  const parsed = worstCaseRequest.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? `unknown field(s) ${i.keys.join(', ')}`
        : `${i.path.join('.') || 'input'}: ${i.message}`,
    );
    throw new DomainError('invalid_input', problems.join('; '), { problems });
  }
  const { text, audiences = [], licences = [] } = parsed.data;
  const ws = await resolveWorkspace(store, workspace);
  const template = compileTemplate(text);
  const scope = audiences.length === 0 && licences.length === 0 ? 'workspace' : 'audiences';
  const literal = () => {
    const m = measureText(template.render({}).text);
    return { units: m.units, parts: m.parts, encoding: m.encoding, anyEncoding: m.encoding };
  };
  const base = { placeholders: template.placeholders, scope } as const;
  if (template.placeholders.length === 0) {
    return { ...base, recipients: null, ...literal(), values: [], ucs2Cause: null, missing: 0 };
  }
  const set = await loadCampaignRecipients(
    store,
    {
      id: '',
      workspaceId: ws.id,
      audiences: [...new Set(audiences)],
      licences: [...new Set(licences)],
      placeholders: template.placeholders,
    },
    now,
    { wholeWorkspace: scope === 'workspace' },
  );
  const { eligible } = screenRecipients(set.recipients, {
    now,
    bannedSector: false,
    exhaustedLicences: new Set(),
  });
  const found = findWorstCase(
    template,
    eligible.map((r) => r.values ?? {}),
  );
  const worst = found.worst;
  if (worst === null) {
    return { ...base, recipients: 0, ...literal(), values: [], ucs2Cause: null, missing: 0 };
  }
  const cause = found.ucs2Cause;
  return {
    ...base,
    recipients: found.recipients,
    units: worst.units,
    parts: found.maxParts,
    encoding: worst.encoding,
    anyEncoding: found.encoding,
    values: template.slots.map((slot) => describeValue(eligible[worst.recipient]!, slot)),
    ucs2Cause:
      cause?.recipient != null && cause.placeholder !== null
        ? {
            placeholder: cause.placeholder,
            ...reveal(eligible[cause.recipient]!, cause.value),
          }
        : null,
    missing: found.missingCount,
  };
}

function describeValue(
  recipient: PreflightRecipient,
  slot: { readonly name: string; readonly fallback: string | undefined },
): PlaceholderValue {
  // Same reading as the core's resolveSlot: a blank value renders the fallback.
  const own = recipient.values?.[slot.name];
  const value = own === undefined || own === null || own.trim() === '' ? null : own;
  const length = value?.length ?? slot.fallback?.length ?? 0;
  return { placeholder: slot.name, length, ...reveal(recipient, value) };
}

/** A rented contact's value is personal data of the provider's list: only its length leaves. */
function reveal(recipient: PreflightRecipient, value: string | null) {
  const masked = recipient.licenceKind === 'rental';
  return { value: masked ? null : value, masked };
}
