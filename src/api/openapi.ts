import { z } from 'zod';
import { errorEnvelope, statusByCode } from './errors.ts';
import type { Route } from './route.ts';

type Json = Record<string, unknown>;

const errorStatuses: Record<string, string> = {
  '400': 'invalid input (invalid_input)',
  '401': 'no or bad credentials (unauthenticated)',
  '403': 'role not allowed, CSRF or origin check failed (forbidden)',
  '404': 'not found, or a workspace the caller cannot see (not_found)',
  '409': 'conflict with existing data (conflict)',
  '422': 'refused by a rule (refused)',
  '429': 'rate limited; see Retry-After (rate_limited)',
};

/**
 * The OpenAPI 3.1 document of the route table, generated from the same zod schemas that
 * validate requests and responses. Named schemas (`.meta({ id })`) become components.
 */
export function buildOpenApi(routes: readonly Route[]): Json {
  const components: Json = {};
  const schema = (s: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
    // References inside the named schemas point at $defs too: rewrite both.
    const toComponents = (value: unknown): Json =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
    const { $schema: _, $defs, ...rest } = json;
    if ($defs) Object.assign(components, toComponents($defs));
    return toComponents(rest);
  };
  const errorRef = { $ref: '#/components/schemas/Error' };
  schema(errorEnvelope, 'output'); // registers components.schemas.Error (its meta id)
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const op = r.operation;
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...parametersOf(op.params && schema(op.params, 'input'), 'path'),
      ...parametersOf(op.query && schema(op.query, 'input'), 'query'),
    ];
    const ok = String(op.status ?? 200);
    const content =
      op.contentType === 'text/html'
        ? { 'text/html': { schema: { type: 'string' } } }
        : { 'application/json': { schema: schema(op.response, 'output') } };
    const responses: Json = { [ok]: { description: op.summary, content } };
    const possible = op.auth === 'public' ? ['400', '429'] : Object.keys(errorStatuses);
    for (const status of possible) {
      responses[status] = {
        description: errorStatuses[status],
        content: { 'application/json': { schema: errorRef } },
      };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: op.auth === 'public' ? [] : [{ apiKey: [] }, { session: [] }],
      ...(op.permission ? { 'x-permission': op.permission } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Texto API',
      version: '0.1.0',
      description:
        'SMS marketing that cannot break the rules. Errors: `{ "error": { "code", "message", ' +
        `"details"? } }\` with statuses ${JSON.stringify(statusByCode)}. Lists: cursor ` +
        'pagination (`limit`, `cursor` → `nextCursor`).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Bearer tx_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'texto_session' },
      },
    },
  };
}

function parametersOf(json: Json | undefined, where: 'path' | 'query'): Json[] {
  if (!json) return [];
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}
