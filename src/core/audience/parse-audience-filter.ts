import { z } from 'zod';
import { DomainError } from '../domain-error.ts';
import {
  type AudienceField,
  type AudienceOperator,
  audienceOperators,
  findAudienceField,
} from './audience-fields.ts';
import { type AudienceNode, audienceLimits, type ConditionValue } from './audience-node.ts';

interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * A name as marketers write them ("Clientes d’Île-de-France (25–44)"): letters, digits,
 * spaces and the usual punctuation, starting with a letter or a digit. Not `/` or `\`: a
 * name is a path segment of the API (GET …/audiences/{name}).
 */
const audienceName = z
  .string()
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N}\p{Zs}_.,:;!?&+'’"«»()\-–—]{0,79}$/u,
    'must be 1 to 80 characters: letters, digits, spaces and punctuation, no / or \\',
  );

/**
 * Validates a filter in its JSON form and returns it normalised. Every problem names its path
 * in the filter (e.g. `all[2].between`); a bad filter throws DomainError('invalid_input') whose
 * details list every problem found.
 */
export function parseAudienceFilter(input: unknown): AudienceNode {
  const issues: Issue[] = [];
  const counter = { nodes: 0 };
  const node = parseNode(input, '', 1, issues, counter);
  if (issues.length > 0 || !node) {
    const first = issues[0] ?? { path: '', message: 'invalid filter' };
    throw new DomainError(
      'invalid_input',
      `invalid audience filter at ${first.path || '(root)'}: ${first.message}`,
      { issues: issues.slice(0, 20) },
    );
  }
  return node;
}

/** The name rule of saved audiences, shared by the filter's `audience` node and `save`. */
export function parseAudienceName(input: unknown, path = 'name'): string {
  const parsed = audienceName.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid name';
    throw new DomainError('invalid_input', `invalid audience name at ${path}: ${message}`);
  }
  return parsed.data;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseNode(
  input: unknown,
  path: string,
  depth: number,
  issues: Issue[],
  counter: { nodes: number },
): AudienceNode | undefined {
  counter.nodes += 1;
  if (counter.nodes > audienceLimits.maxNodes) {
    if (counter.nodes === audienceLimits.maxNodes + 1) {
      issues.push({ path, message: `too many nodes (at most ${audienceLimits.maxNodes})` });
    }
    return undefined;
  }
  if (depth > audienceLimits.maxDepth) {
    issues.push({ path, message: `too deep (at most ${audienceLimits.maxDepth} levels)` });
    return undefined;
  }
  if (!isObject(input)) {
    issues.push({ path, message: 'must be an object: {all}, {any}, {not}, or {field, op}' });
    return undefined;
  }
  const keys = Object.keys(input);
  if ('field' in input) return parseCondition(input, path, issues);
  if (keys.length !== 1) {
    issues.push({
      path,
      message: `must have exactly one of all, any, not, audience, messagedWithinDays, or a field (got ${keys.join(', ') || 'nothing'})`,
    });
    return undefined;
  }
  const key = keys[0]!;
  const value = input[key];
  const at = join(path, key);
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value)) {
      issues.push({ path: at, message: 'must be a list of nodes' });
      return undefined;
    }
    const nodes = value.map((v, i) => parseNode(v, join(at, i), depth + 1, issues, counter));
    if (nodes.some((n) => n === undefined)) return undefined;
    return { kind: key, nodes: nodes as AudienceNode[] };
  }
  if (key === 'not') {
    const node = parseNode(value, at, depth + 1, issues, counter);
    return node ? { kind: 'not', node } : undefined;
  }
  if (key === 'audience') {
    const parsed = audienceName.safeParse(value);
    if (parsed.success) return { kind: 'audience', name: parsed.data };
    issues.push({ path: at, message: `must be a saved audience name: ${firstMessage(parsed)}` });
    return undefined;
  }
  if (key === 'messagedWithinDays') {
    const parsed = z.number().int().min(1).max(3650).safeParse(value);
    if (parsed.success) return { kind: 'messagedWithin', days: parsed.data };
    issues.push({ path: at, message: `must be a whole number of days 1..3650` });
    return undefined;
  }
  issues.push({ path: at, message: `unknown node '${key}'` });
  return undefined;
}

function firstMessage(result: { error?: z.ZodError }): string {
  return result.error?.issues[0]?.message ?? 'invalid value';
}

function parseCondition(
  input: Record<string, unknown>,
  path: string,
  issues: Issue[],
): AudienceNode | undefined {
  const fieldPath = join(path, 'field');
  if (typeof input.field !== 'string') {
    issues.push({ path: fieldPath, message: 'must be a field name' });
    return undefined;
  }
  const field = findAudienceField(input.field);
  if (!field) {
    issues.push({ path: fieldPath, message: `unknown field '${input.field}'` });
    return undefined;
  }
  const ops = Object.keys(input).filter((k) => k !== 'field');
  if (ops.length !== 1) {
    issues.push({
      path,
      message: `a condition takes exactly one operator among ${field.operators.join(', ')} (got ${ops.join(', ') || 'none'})`,
    });
    return undefined;
  }
  const op = ops[0]!;
  const at = join(path, op);
  if (!(audienceOperators as readonly string[]).includes(op)) {
    issues.push({ path: at, message: `unknown operator '${op}'` });
    return undefined;
  }
  if (!field.operators.includes(op as AudienceOperator)) {
    issues.push({
      path: at,
      message: `operator '${op}' does not apply to field '${input.field}' (use ${field.operators.join(', ')})`,
    });
    return undefined;
  }
  const value = parseValue(field, op as AudienceOperator, input[op], at, issues);
  if (value === undefined) return undefined;
  return { kind: 'condition', field: input.field, op: op as AudienceOperator, value };
}

function valueSchema(field: AudienceField, op: AudienceOperator): z.ZodType<ConditionValue> {
  const scalar = field.kind === 'custom' && isRange(op) ? z.number().finite() : field.value;
  const list = z.array(scalar).min(1).max(audienceLimits.maxListValues);
  switch (op) {
    case 'exists':
      return z.boolean();
    case 'prefix':
      return field.prefix ?? z.never();
    case 'in':
    case 'anyOf':
    case 'allOf':
      return list;
    case 'between':
      return z
        .tuple([scalar, scalar])
        .refine(
          ([a, b]) => isRelative(a) || isRelative(b) || a <= b,
          'the first bound must not exceed the second',
        );
    default:
      return scalar;
  }
}

function isRelative(value: string | number): boolean {
  return typeof value === 'string' && value.startsWith('-');
}

function isRange(op: AudienceOperator): boolean {
  return op === 'between' || op === 'gte' || op === 'lte';
}

function parseValue(
  field: AudienceField,
  op: AudienceOperator,
  value: unknown,
  path: string,
  issues: Issue[],
): ConditionValue | undefined {
  const parsed = valueSchema(field, op).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 3)) {
    const where = issue.path.reduce<string>(
      (p, k) => join(p, typeof k === 'number' ? k : String(k)),
      path,
    );
    issues.push({ path: where, message: issue.message });
  }
  return undefined;
}
