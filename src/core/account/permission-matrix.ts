import type { Role } from './roles.ts';

/** Every kind of resource an API route acts on (one per resource file of src/api). */
export const resourceKinds = [
  'workspace',
  'member',
  'api_key',
  'audit_log',
  'contact',
  'consent',
  'suppression',
  'audience',
  'list',
  'catalogue',
  'quote',
  'order',
  'licence',
  'campaign',
  'message',
  'inbound',
  'webhook',
  'job',
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/**
 * Campaign verbs (schedule, pause, cancel…) are `update`; checks and previews are `read`.
 * `export` takes a whole customer file away (the contacts CSV): a read-only login (analyst, a
 * client looking over an agency's shoulder) and the platform admin read contacts one by one
 * but do not carry the file off.
 */
export const actions = ['read', 'create', 'update', 'delete', 'export'] as const;
export type Action = (typeof actions)[number];

type Grants = Readonly<Partial<Record<ResourceKind, readonly Action[]>>>;

const all: readonly Action[] = actions;
const read: readonly Action[] = ['read'];
const readCreate: readonly Action[] = ['read', 'create'];

/** `read` on every kind but the secrets (API keys, webhooks) and the audit log. */
const readEverything: Grants = Object.fromEntries(
  resourceKinds
    .filter((k) => !['api_key', 'audit_log', 'webhook'].includes(k))
    .map((k) => [k, read]),
);

/**
 * The permission matrix: which role may do which action on which resource kind, inside a
 * workspace it belongs to (or any workspace for the platform admin). Absent means refused.
 * - owner: everything; the audit log is append-only, so read only.
 * - marketer: contacts, audiences, campaigns, orders, webhooks…; not members, keys, audit.
 * - analyst: read-only, no secrets, no export.
 * - provider: its lists and their contacts, consent proof, suppression feed, sales.
 * - admin (platform): manages workspaces, members and keys (revoke only), reads everything,
 *   never sends or edits a tenant's data itself.
 */
export const permissionMatrix: Readonly<Record<Role, Grants>> = {
  owner: {
    ...Object.fromEntries(resourceKinds.map((k) => [k, all])),
    audit_log: read,
    consent: readCreate,
  },
  marketer: {
    workspace: read,
    member: read,
    contact: all,
    consent: readCreate,
    suppression: all,
    audience: all,
    catalogue: read,
    quote: readCreate,
    order: readCreate,
    licence: read,
    campaign: all,
    message: readCreate,
    inbound: read,
    webhook: all,
    job: readCreate,
  },
  analyst: readEverything,
  provider: {
    workspace: read,
    member: read,
    list: all,
    contact: all,
    consent: readCreate,
    suppression: read,
    catalogue: read,
    order: read,
    licence: read,
    job: readCreate,
  },
  admin: {
    ...readEverything,
    workspace: all,
    member: all,
    api_key: ['read', 'delete'],
    audit_log: read,
    webhook: read,
  },
};
