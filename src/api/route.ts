import type { AnyOperation } from './operation.ts';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** One line of the route table: method, path (Hono syntax, `:param`), operation id. */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly id: string;
  readonly operation: AnyOperation;
}

export function route(method: Method, path: string, id: string, operation: AnyOperation): Route {
  return { method, path, id, operation };
}
