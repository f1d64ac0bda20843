import { findAudienceField } from '../core/audience/audience-fields.ts';
import type { AudienceNode } from '../core/audience/audience-node.ts';
import { parseAudienceFilter, parseAudienceName } from '../core/audience/parse-audience-filter.ts';
import { resolveAudienceRefs } from '../core/audience/resolve-audience-refs.ts';
import { DomainError } from '../core/domain-error.ts';
import type { AudienceColumnCache } from '../store/audience-column-cache.ts';
import {
  type AudienceBreakdown,
  type AudienceExclusions,
  type AudienceSampleRow,
  breakdownAudience,
  sampleAudience,
  tallyAudience,
} from '../store/audience-counts.ts';
import {
  findAudience as findSavedAudience,
  listAudiences as listSavedAudiences,
  type SavedAudience,
  saveAudience as saveAudienceRow,
} from '../store/audiences.ts';
import type { Store } from '../store/db.ts';
import { findDefaultWorkspace, findWorkspace } from '../store/workspaces.ts';

export interface AudienceCountRequest {
  /** Workspace id or name; the default workspace when absent. */
  readonly workspace?: string | undefined;
  /** The filter in its JSON form (parsed object or JSON text). */
  readonly filter: unknown;
  readonly breakdown?: readonly string[] | undefined;
  /** Reference date or instant (ages, consent validity); `now` when absent. */
  readonly at?: string | undefined;
  /** How many reachable contacts to return for preview (0: none). */
  readonly sample?: number | undefined;
}

export interface AudienceCount {
  readonly workspace: string;
  readonly at: string;
  readonly matched: number;
  readonly reachable: number;
  readonly excluded: AudienceExclusions;
  readonly breakdown: AudienceBreakdown;
  readonly sample?: AudienceSampleRow[];
  /** 'columns' when the in-memory column store answered, 'sql' otherwise. */
  readonly engine: 'sql' | 'columns';
  readonly durationMs: number;
}

/** Fields a count may be broken down by. */
export const breakdownFields = [
  'region',
  'department',
  'postalCode',
  'commune',
  'age',
  'gender',
  'children',
  'profession',
  'income',
  'housing',
  'consentBasis',
  'source',
] as const;

/**
 * Counts an audience: reachable contacts and why the others are excluded (suppressed, no valid
 * consent, invalid number), with breakdowns of the reachable ones. Uses the column cache when
 * one is given and can answer the filter, else SQL; both give the same numbers.
 */
export async function countAudience(
  store: Store,
  request: AudienceCountRequest,
  now: Date,
  cache?: AudienceColumnCache,
): Promise<AudienceCount> {
  const started = performance.now();
  const workspaceId = await resolveWorkspaceId(store, request.workspace);
  const at = parseAt(request.at, now);
  const fields = parseBreakdown(request.breakdown ?? []);
  const sample = request.sample ?? 0;
  if (!Number.isInteger(sample) || sample < 0 || sample > 100) {
    throw new DomainError('invalid_input', 'sample must be a whole number from 0 to 100');
  }
  const filter = await resolveFilter(store, workspaceId, parseFilterInput(request.filter));
  const columns = cache ? await cache.answer(store, workspaceId, filter, at, fields) : undefined;
  const scope = { db: store.db, caps: store.capabilities, workspaceId, filter, at };
  const tally = columns ?? (await tallyAudience(scope));
  const breakdown = columns?.breakdown ?? (await breakdownAudience(scope, fields));
  const rows = sample > 0 ? await sampleAudience(scope, sample) : undefined;
  return {
    workspace: workspaceId,
    at,
    matched: tally.matched,
    reachable: tally.reachable,
    excluded: tally.excluded,
    breakdown,
    ...(rows ? { sample: rows } : {}),
    engine: columns ? 'columns' : 'sql',
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

/** Saves (creates or replaces) a named filter of the workspace after checking it fully. */
export async function saveAudience(
  store: Store,
  request: { workspace?: string | undefined; name: unknown; filter: unknown },
  now: Date,
): Promise<{ audience: SavedAudience; created: boolean }> {
  const workspaceId = await resolveWorkspaceId(store, request.workspace);
  const name = parseAudienceName(request.name);
  const json = typeof request.filter === 'string' ? parseJson(request.filter) : request.filter;
  const node = parseAudienceFilter(json);
  const saved = await savedFilters(store, workspaceId);
  saved.set(name, node);
  resolveAudienceRefs(node, (n) => saved.get(n), [name]);
  return saveAudienceRow(store.db, workspaceId, name, json, now);
}

export async function listAudiences(
  store: Store,
  request: { workspace?: string | undefined },
): Promise<SavedAudience[]> {
  return listSavedAudiences(store.db, await resolveWorkspaceId(store, request.workspace));
}

export async function showAudience(
  store: Store,
  request: { workspace?: string | undefined; name: string },
): Promise<SavedAudience> {
  const workspaceId = await resolveWorkspaceId(store, request.workspace);
  const found = await findSavedAudience(store.db, workspaceId, request.name);
  if (!found) throw new DomainError('not_found', `no saved audience named '${request.name}'`);
  return found;
}

async function resolveWorkspaceId(store: Store, idOrName: string | undefined): Promise<string> {
  const workspace = idOrName
    ? await findWorkspace(store.db, idOrName)
    : await findDefaultWorkspace(store.db);
  if (!workspace) {
    throw new DomainError(
      'not_found',
      idOrName ? `no workspace '${idOrName}'` : 'no workspace yet',
    );
  }
  return workspace.id;
}

async function savedFilters(store: Store, workspaceId: string): Promise<Map<string, AudienceNode>> {
  const rows = await listSavedAudiences(store.db, workspaceId);
  return new Map(rows.map((r) => [r.name, parseAudienceFilter(r.filter)]));
}

async function resolveFilter(store: Store, workspaceId: string, node: AudienceNode) {
  if (!JSON.stringify(node).includes('"kind":"audience"')) return node;
  const saved = await savedFilters(store, workspaceId);
  return resolveAudienceRefs(node, (name) => saved.get(name));
}

function parseJson(text: string): unknown {
  if (text.length > 65_536) throw new DomainError('invalid_input', 'filter: larger than 64 KiB');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('invalid_input', `filter: not valid JSON (${(error as Error).message})`);
  }
}

function parseFilterInput(filter: unknown): AudienceNode {
  return parseAudienceFilter(typeof filter === 'string' ? parseJson(filter) : filter);
}

function parseAt(at: string | undefined, now: Date): string {
  if (at === undefined) return now.toISOString();
  const text = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00.000Z` : at;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new DomainError(
      'invalid_input',
      `at: '${at}' is not a date YYYY-MM-DD or an ISO instant`,
    );
  }
  return new Date(time).toISOString();
}

function parseBreakdown(fields: readonly string[]): string[] {
  for (const field of fields) {
    if (!(breakdownFields as readonly string[]).includes(field)) {
      const known = findAudienceField(field) ? 'cannot be broken down' : 'is not a field';
      throw new DomainError(
        'invalid_input',
        `breakdown: '${field}' ${known} (use ${breakdownFields.join(', ')})`,
      );
    }
  }
  return [...new Set(fields)];
}
