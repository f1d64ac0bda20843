import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AudienceNode } from '../core/audience/audience-node.ts';
import { ageAt, dayOf } from '../core/audience/audience-ranges.ts';
import { maskPhone } from '../core/audience/mask-phone.ts';
import { ageBandExpression, audienceColumn, compileAudienceFilter } from './audience-query.ts';
import type { Capabilities } from './capabilities.ts';
import type { Database } from './schema.ts';

/** Why matching contacts are not reachable; each contact is in exactly one class. */
export interface AudienceExclusions {
  readonly suppressed: number;
  readonly noConsent: number;
  readonly invalid: number;
}

export interface AudienceTally {
  readonly matched: number;
  readonly reachable: number;
  readonly excluded: AudienceExclusions;
}

export type AudienceBreakdown = Record<string, Record<string, number>>;

export interface AudienceSampleRow {
  readonly id: number;
  readonly phone: string;
  readonly firstName: string | null;
  readonly postalCode: string | null;
  readonly department: string | null;
  readonly gender: string | null;
  readonly age: number | null;
  readonly source: string;
}

interface Scope {
  readonly db: Kysely<Database>;
  readonly caps: Capabilities;
  readonly workspaceId: string;
  readonly filter: AudienceNode;
  /** Reference instant, ISO. */
  readonly at: string;
}

/**
 * Each matching contact's class: an invalid number (not E.164, or suppressed as invalid) first,
 * then any other active suppression, then reachable when consent is granted and still valid at
 * `at`, else no consent.
 */
function classOf(at: string): RawBuilder<string> {
  return sql<string>`CASE WHEN substr(contacts.phone, 1, 1) <> '+' OR s.reason = 'invalid' THEN 'invalid' WHEN s.phone IS NOT NULL THEN 'suppressed' WHEN contacts.consent_status = 'granted' AND contacts.consent_valid_until > ${at} THEN 'reachable' ELSE 'noConsent' END`;
}

const from = () =>
  sql`contacts LEFT JOIN suppressions s ON s.workspace_id = contacts.workspace_id AND s.phone = contacts.phone AND s.lifted_at IS NULL`;

function where(scope: Scope): RawBuilder<SqlBool> {
  const filter = compileAudienceFilter(scope.filter, scope.at, scope.caps);
  return sql<SqlBool>`contacts.workspace_id = ${scope.workspaceId} AND ${filter}`;
}

/** Counts the contacts a filter matches, split into reachable and the three exclusions. */
export async function tallyAudience(scope: Scope): Promise<AudienceTally> {
  const { rows } = await sql<{ klass: string; n: number | string }>`
    SELECT t.klass AS klass, count(*) AS n
    FROM (SELECT ${classOf(scope.at)} AS klass FROM ${from()} WHERE ${where(scope)}) t
    GROUP BY t.klass`.execute(scope.db);
  const by = Object.fromEntries(rows.map((r) => [r.klass, Number(r.n)]));
  const excluded = {
    suppressed: by.suppressed ?? 0,
    noConsent: by.noConsent ?? 0,
    invalid: by.invalid ?? 0,
  };
  const reachable = by.reachable ?? 0;
  return {
    matched: reachable + excluded.suppressed + excluded.noConsent + excluded.invalid,
    reachable,
    excluded,
  };
}

/** Reachable contacts counted by the value of each field ('age' by age band; '' and null 'unknown'). */
export async function breakdownAudience(
  scope: Scope,
  fields: readonly string[],
): Promise<AudienceBreakdown> {
  const breakdown: AudienceBreakdown = {};
  for (const field of fields) {
    const column = audienceColumn(field);
    const value =
      field === 'age'
        ? ageBandExpression(dayOf(scope.at))
        : sql`coalesce(nullif(cast(${sql.ref(`contacts.${column}`)} as text), ''), 'unknown')`;
    const { rows } = await sql<{ value: string; n: number | string }>`
      SELECT t.value AS value, count(*) AS n
      FROM (SELECT ${value} AS value FROM ${from()}
            WHERE ${where(scope)} AND ${classOf(scope.at)} = 'reachable') t
      GROUP BY t.value`.execute(scope.db);
    breakdown[field] = Object.fromEntries(
      rows
        .map((r) => [String(r.value), Number(r.n)] as const)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    );
  }
  return breakdown;
}

/** The first `limit` reachable contacts by id; list contacts' numbers are masked. */
export async function sampleAudience(scope: Scope, limit: number): Promise<AudienceSampleRow[]> {
  const { rows } = await sql<{
    id: number;
    phone: string;
    list_id: string | null;
    first_name: string | null;
    postal_code: string | null;
    department: string | null;
    gender: string | null;
    birth_date: string | null;
    birth_year: number | null;
    source: string;
  }>`
    SELECT contacts.id, contacts.phone, contacts.list_id, contacts.first_name,
           contacts.postal_code, contacts.department, contacts.gender, contacts.birth_date,
           contacts.birth_year, contacts.source
    FROM ${from()}
    WHERE ${where(scope)} AND ${classOf(scope.at)} = 'reachable'
    ORDER BY contacts.id LIMIT ${limit}`.execute(scope.db);
  const day = dayOf(scope.at);
  return rows.map((r) => ({
    id: Number(r.id),
    phone: r.list_id === null ? r.phone : maskPhone(r.phone),
    firstName: r.first_name,
    postalCode: r.postal_code,
    department: r.department,
    gender: r.gender,
    age: ageAt(r.birth_date, r.birth_year, day),
    source: r.source,
  }));
}

/** Ids of every contact the filter matches, reachable or not, ascending (tests, exports). */
export async function listAudienceIds(scope: Scope): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT contacts.id AS id FROM contacts WHERE ${where(scope)} ORDER BY contacts.id`.execute(
    scope.db,
  );
  return rows.map((r) => Number(r.id));
}
