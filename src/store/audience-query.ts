import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AudienceCondition, AudienceNode } from '../core/audience/audience-node.ts';
import { ageBands, birthBounds, dayOf } from '../core/audience/audience-ranges.ts';
import { ageRange, dayRange } from '../core/audience/evaluate-audience.ts';
import type { Capabilities } from './capabilities.ts';

type Bool = RawBuilder<SqlBool>;

const columns: Record<string, string> = {
  region: 'region',
  department: 'department',
  postalCode: 'postal_code',
  commune: 'commune_code',
  gender: 'gender',
  children: 'children',
  profession: 'profession',
  income: 'income',
  housing: 'housing',
  transport: 'transport',
  interests: 'interests',
  consentBasis: 'consent_basis',
  lastInteraction: 'last_interaction_at',
  source: 'source',
};

/** The contacts column of a field (not age nor custom.*), for breakdowns and filters. */
export function audienceColumn(field: string): string | undefined {
  return columns[field];
}

const yes: Bool = sql<SqlBool>`1 = 1`;
const no: Bool = sql<SqlBool>`1 = 0`;

/**
 * Compiles a resolved filter to a boolean SQL expression over `contacts`, with bound values
 * only (Kysely's `sql` tag). Every expression is two-valued (never NULL): a condition on a
 * missing value is false, so `NOT` agrees with evaluateAudience. `messagedWithin` is false while
 * there is no messages table (no contact has been messaged).
 */
export function compileAudienceFilter(node: AudienceNode, at: string, caps: Capabilities): Bool {
  switch (node.kind) {
    case 'all':
      return node.nodes.length === 0
        ? yes
        : sql<SqlBool>`(${sql.join(
            node.nodes.map((n) => compileAudienceFilter(n, at, caps)),
            sql` AND `,
          )})`;
    case 'any':
      return node.nodes.length === 0
        ? no
        : sql<SqlBool>`(${sql.join(
            node.nodes.map((n) => compileAudienceFilter(n, at, caps)),
            sql` OR `,
          )})`;
    case 'not':
      return sql<SqlBool>`(NOT ${compileAudienceFilter(node.node, at, caps)})`;
    case 'messagedWithin':
      return no;
    case 'audience':
      throw new Error(`audience '${node.name}' must be resolved before compiling`);
    case 'condition':
      return compileCondition(node, at, caps);
  }
}

function ref(column: string) {
  return sql.ref(`contacts.${column}`);
}

function compileCondition(c: AudienceCondition, at: string, caps: Capabilities): Bool {
  if (c.field === 'age') return compileAge(c, dayOf(at));
  if (c.field.startsWith('custom.')) return customJson[caps.dialect](c, c.field.slice(7));
  const column = ref(columns[c.field]!);
  const present =
    c.field === 'children'
      ? sql`${column} IS NOT NULL`
      : sql`(${column} IS NOT NULL AND ${column} <> '')`;
  if (c.op === 'exists') {
    const has =
      c.field === 'transport' || c.field === 'interests'
        ? sql`(${column} IS NOT NULL AND length(replace(${column}, '|', '')) > 0)`
        : present;
    return c.value === true ? sql<SqlBool>`${has}` : sql<SqlBool>`(NOT ${has})`;
  }
  return sql<SqlBool>`(${present} AND ${compileTest(c, column, at)})`;
}

function compileTest(c: AudienceCondition, column: Expression<unknown>, at: string): Bool {
  const v = c.value;
  const list = v as readonly (string | number)[];
  switch (c.op) {
    case 'eq':
      return sql<SqlBool>`${column} = ${v}`;
    case 'in':
      return sql<SqlBool>`${column} IN (${sql.join(list)})`;
    case 'prefix':
      return sql<SqlBool>`substr(${column}, 1, ${(v as string).length}) = ${v}`;
    case 'anyOf':
    case 'allOf': {
      const likes = list.map((t) => sql`lower(${column}) LIKE ${`%|${t}|%`}`);
      return sql<SqlBool>`(${sql.join(likes, c.op === 'anyOf' ? sql` OR ` : sql` AND `)})`;
    }
    default: {
      if (c.field === 'lastInteraction') {
        const [from, before] = dayRange(c, at);
        return bounded(column, from, '>=', before, '<');
      }
      const [low, high] =
        c.op === 'gte' ? [v, null] : c.op === 'lte' ? [null, v] : (list as [unknown, unknown]);
      return bounded(column, low, '>=', high, '<=');
    }
  }
}

function bounded(
  column: Expression<unknown>,
  low: unknown,
  lowOp: '>=' | '>',
  high: unknown,
  highOp: '<=' | '<',
): Bool {
  const parts = [
    ...(low === null ? [] : [sql`${column} ${sql.raw(lowOp)} ${low}`]),
    ...(high === null ? [] : [sql`${column} ${sql.raw(highOp)} ${high}`]),
  ];
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

const hasBirth = sql`(${ref('birth_date')} IS NOT NULL OR ${ref('birth_year')} IS NOT NULL)`;

function compileAge(c: AudienceCondition, atDay: string): Bool {
  if (c.op === 'exists')
    return c.value === true ? sql<SqlBool>`${hasBirth}` : sql<SqlBool>`(NOT ${hasBirth})`;
  const [min, max] = ageRange(c);
  return ageBetween(min, max, atDay);
}

function ageBetween(min: number | null, max: number | null, atDay: string): Bool {
  const b = birthBounds(min, max, atDay);
  const date = bounded(ref('birth_date'), b.dateAfter ?? null, '>', b.dateAtMost ?? null, '<=');
  const year = bounded(ref('birth_year'), b.yearAtLeast ?? null, '>=', b.yearAtMost ?? null, '<=');
  return sql<SqlBool>`((${ref('birth_date')} IS NOT NULL AND ${date}) OR (${ref('birth_date')} IS NULL AND ${ref('birth_year')} IS NOT NULL AND ${year}))`;
}

/** A CASE expression giving each contact's age band at `atDay` (ageBandOf's bands). */
export function ageBandExpression(atDay: string): RawBuilder<string> {
  const lows = [65, 55, 45, 35, 25, 18];
  const whens = lows.map(
    (low, i) =>
      sql`WHEN ${ageBetween(low, null, atDay)} THEN ${ageBands[ageBands.length - 1 - i]!}`,
  );
  return sql<string>`CASE WHEN NOT ${hasBirth} THEN 'unknown' ${sql.join(whens, sql` `)} ELSE '<18' END`;
}

type CustomCompiler = (c: AudienceCondition, key: string) => Bool;

/**
 * custom.<key> differs by engine (json_extract vs jsonb): one table here rather than tests of
 * the dialect scattered around. Strings only equal strings and numbers numbers, as in memory.
 */
const customJson: Record<Capabilities['dialect'], CustomCompiler> = {
  sqlite(c, key) {
    const doc = ref('custom');
    const path = `$.${key}`;
    const type = sql`json_type(${doc}, ${path})`;
    const value = sql`json_extract(${doc}, ${path})`;
    return customCondition(c, doc, type, value, value, {
      string: sql`'text'`,
      numbers: sql`('integer', 'real')`,
    });
  },
  postgres(c, key) {
    const doc = ref('custom');
    const json = sql`(cast(${doc} as jsonb) -> cast(${key} as text))`;
    const text = sql`(cast(${doc} as jsonb) ->> cast(${key} as text))`;
    const type = sql`jsonb_typeof(${json})`;
    const number = sql`(CASE WHEN ${type} = 'number' THEN cast(${text} as numeric) END)`;
    return customCondition(c, doc, type, text, number, {
      string: sql`'string'`,
      numbers: sql`('number')`,
    });
  },
};

function customCondition(
  c: AudienceCondition,
  doc: Expression<unknown>,
  type: RawBuilder<unknown>,
  text: RawBuilder<unknown>,
  number: RawBuilder<unknown>,
  types: { string: RawBuilder<unknown>; numbers: RawBuilder<unknown> },
): Bool {
  const exists = sql`(${doc} IS NOT NULL AND coalesce(${type}, 'null') <> 'null')`;
  if (c.op === 'exists')
    return c.value === true ? sql<SqlBool>`${exists}` : sql<SqlBool>`(NOT ${exists})`;
  const isString = sql`coalesce(${type}, 'null') = ${types.string}`;
  const isNumber = sql`coalesce(${type}, 'null') IN ${types.numbers}`;
  const equal = (w: string | number) =>
    typeof w === 'string'
      ? sql`(${isString} AND ${text} = ${w})`
      : sql`(${isNumber} AND ${number} = ${w})`;
  let test: RawBuilder<unknown>;
  if (c.op === 'eq') test = equal(c.value as string | number);
  else if (c.op === 'in')
    test = sql`(${sql.join((c.value as (string | number)[]).map(equal), sql` OR `)})`;
  else if (c.op === 'prefix') {
    const p = c.value as string;
    test = sql`(${isString} AND substr(${text}, 1, ${p.length}) = ${p})`;
  } else {
    const v = c.value;
    const [low, high] =
      c.op === 'gte' ? [v, null] : c.op === 'lte' ? [null, v] : (v as [unknown, unknown]);
    test = sql`(${isNumber} AND ${bounded(number, low, '>=', high, '<=')})`;
  }
  return sql<SqlBool>`(${doc} IS NOT NULL AND ${test})`;
}
