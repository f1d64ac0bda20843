import type { Context } from 'hono';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Action, ResourceKind } from '../core/account/permission-matrix.ts';
import type { Role } from '../core/account/roles.ts';
import type { Principal, Store, Workspace } from '../services/accounts.ts';

/**
 * How a route authenticates:
 * - public: nobody needs to be known (health, login, the reference);
 * - any: a session or an API key;
 * - session: a logged-in user only (API keys are refused);
 * - workspace: the path has `:workspaceId`; the caller must belong to it (else 404) and its
 *   role must allow `permission` (else 403).
 */
export type Auth = 'public' | 'any' | 'session' | 'workspace';

/** How this process's sending loop is doing (app.ts wires it; `dispatch` stays unimported). */
export type DispatchState = 'running' | 'restarting' | 'stopped';

export interface ApiDeps {
  readonly store: Store;
  readonly config: Config;
  readonly now: () => Date;
  /** The OpenAPI document of the whole route table (built once). */
  readonly openapi: () => Record<string, unknown>;
  readonly secureCookies: boolean;
  /** Take the client IP from X-Forwarded-For (behind a trusted proxy only). */
  readonly trustProxy: boolean;
  /** The sending loop's state: `stopped` when this process runs none (`texto worker` does). */
  dispatchState(): DispatchState;
  /** Takes a token from the bucket of `key`, or throws DomainError('rate_limited'). */
  throttle(bucket: 'login' | 'api', key: string, now: Date): void;
}

export interface ApiEnv {
  Variables: { requestId: string; actor: string | null };
}

export interface HandlerInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: ApiDeps;
  readonly now: Date;
  /** Set unless the route is public. */
  readonly principal: Principal | undefined;
  /** Set for workspace routes. */
  readonly access: { readonly workspace: Workspace; readonly role: Role } | undefined;
  readonly c: Context<ApiEnv>;
}

export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly summary: string;
  readonly description?: string;
  /** The section of the reference (one per resource file). */
  readonly tag: string;
  readonly auth: Auth;
  readonly permission?: { readonly resource: ResourceKind; readonly action: Action };
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly status?: 200 | 201;
  /** Non-JSON answers (the HTML reference). */
  readonly contentType?: 'text/html';
  /** The handler's answer is validated by `response` (unknown fields are stripped). */
  handle(
    input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>,
  ): Promise<z.input<R> | Response>;
}

// biome-ignore lint/suspicious/noExplicitAny: the route table holds operations of any schemas
export type AnyOperation = Operation<any, any, any, any>;

/** Declares an operation with its handler typed from its schemas. */
export function defineOperation<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(operation: Operation<P, Q, B, R>): Operation<P, Q, B, R> {
  return operation;
}

/** The caller of a non-public route (the framework guarantees it). */
export function principalOf(input: { principal: Principal | undefined }): Principal {
  if (!input.principal) throw new Error('bug: principal used on a public route');
  return input.principal;
}

/** The workspace and role of a workspace route (the framework guarantees them). */
export function accessOf(input: HandlerInput<unknown, unknown, unknown>) {
  if (!input.access) throw new Error('bug: access used outside a workspace route');
  return input.access;
}
