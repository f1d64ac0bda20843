import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { authorize, resolveAccess } from '../services/accounts.ts';
import { authenticate, clientIp } from './authenticate.ts';
import type { ApiDeps, ApiEnv, HandlerInput } from './operation.ts';
import type { Route } from './route.ts';

/**
 * Runs one route: authenticate (401), rate limit (429), workspace membership (404, never
 * 403 for a workspace the caller cannot see), role permission (403), input validation (400),
 * the handler, then the response schema, which also strips any field it does not declare.
 */
export async function runOperation(
  c: Context<ApiEnv>,
  route: Route,
  deps: ApiDeps,
): Promise<Response> {
  const op = route.operation;
  const now = deps.now();
  let principal: HandlerInput<unknown, unknown, unknown>['principal'];
  let access: HandlerInput<unknown, unknown, unknown>['access'];
  if (op.auth === 'public') {
    deps.throttle('api', `ip:${clientIp(c, deps.trustProxy)}`, now);
  } else {
    principal = await authenticate(c, deps, now);
    if (!principal) {
      deps.throttle('api', `ip:${clientIp(c, deps.trustProxy)}`, now);
      throw new DomainError(
        'unauthenticated',
        'log in (POST /api/auth/login) or send an API key: Authorization: Bearer tx_…',
      );
    }
    c.set('actor', `${principal.kind}:${principal.id}`);
    deps.throttle('api', `${principal.kind}:${principal.id}`, now);
    if (op.auth === 'session' && principal.kind !== 'user') {
      throw new DomainError('forbidden', 'this route needs a logged-in user, not an API key');
    }
  }
  if (op.auth === 'workspace') {
    const workspaceId = c.req.param('workspaceId') ?? '';
    access = await resolveAccess(deps.store, principal!, workspaceId);
    if (!access) throw new DomainError('not_found', `workspace '${workspaceId}' not found`);
    const need = op.permission!;
    if (!authorize(access.role, need.action, need.resource)) {
      throw new DomainError(
        'forbidden',
        `role ${access.role} may not ${need.action} ${need.resource.replace('_', ' ')}s`,
        { role: access.role, action: need.action, resource: need.resource },
      );
    }
  }
  const result = await op.handle({
    params: validate('params', op.params, c.req.param()),
    query: validate('query', op.query, c.req.query()),
    body: op.body ? validate('body', op.body, await readJson(c)) : undefined,
    deps,
    now,
    principal,
    access,
    c,
  });
  if (result instanceof Response) return result;
  return c.json(op.response.parse(result) as object, op.status ?? 200);
}

function validate(where: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({
    where,
    path: i.path.join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
  }));
  const text = problems.map((p) => `${[where, p.path].filter(Boolean).join('.')}: ${p.message}`);
  throw new DomainError('invalid_input', text.join('; '), { problems });
}

async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new DomainError('invalid_input', 'body: send JSON with Content-Type: application/json');
  }
  try {
    return await c.req.json();
  } catch {
    throw new DomainError('invalid_input', 'body: not valid JSON');
  }
}
