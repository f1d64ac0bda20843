import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AudienceNode } from '../core/audience/audience-node.ts';
import { compileAudienceFilter } from './audience-query.ts';
import type { Capabilities } from './capabilities.ts';
import type { Database } from './schema.ts';

/**
 * One contact a campaign reaches, as read for its preflight. Kept narrow (a million rows are
 * read): consent and suppression come packed in `k`, and optional columns only when asked.
 */
export interface RecipientRow {
  readonly id: number;
  readonly phone: string;
  readonly department: string | null;
  readonly postal_code: string | null;
  /**
   * Consent at `at` (0 granted and valid, 1 not granted, 2 granted but lapsed:
   * consent_valid_until at or before `at`) + 4 when an active suppression applies + the
   * consent basis as a flag (`basisFlags`: the certificate counts them, and the B2B and
   * non-commercial exceptions are warned, FR-CONS-05, FR-CONS-04), no text per row.
   */
  readonly k: number;
  /** The list the contact comes from: its list_id, or a purchased copy's 'list:<id>@<v>' source. */
  readonly list_ref: string | null;
  readonly [valueColumn: string]: unknown;
}

/** Contact columns a template placeholder may read. */
export const recipientValueColumns = [
  'first_name',
  'last_name',
  'commune',
  'postal_code',
  'department',
  'custom',
] as const;
export type RecipientValueColumn = (typeof recipientValueColumns)[number];

export interface RecipientColumns {
  /** Reference instant of consent validity and of the filters (ages, relative dates), ISO. */
  readonly at: string;
  readonly values: readonly RecipientValueColumn[];
}

/** The consent basis in a recipient row's `k`, by flag. */
export const basisFlags = { b2b: 8, non_commercial: 16, soft_opt_in: 32, opt_in: 64 } as const;

export interface OwnRecipientScope extends RecipientColumns {
  readonly db: Kysely<Database>;
  readonly caps: Capabilities;
  readonly workspaceId: string;
  /** Resolved audience filters: a contact matching any of them is reached. */
  readonly filters: readonly AudienceNode[];
  /** `source` values of purchased list copies ('list:<id>@<version>') also reached. */
  readonly listSources: readonly string[];
}

function selectColumns(c: RecipientColumns, suppressed: RawBuilder<SqlBool>): RawBuilder<unknown> {
  const extra = [...new Set(c.values)].filter((v) => v !== 'postal_code' && v !== 'department');
  return sql`contacts.id AS id, contacts.phone AS phone, contacts.department AS department,
    contacts.postal_code AS postal_code,
    (CASE WHEN contacts.consent_status <> 'granted' THEN 1
          WHEN contacts.consent_valid_until IS NOT NULL AND contacts.consent_valid_until <= ${c.at}
          THEN 2 ELSE 0 END
     + CASE WHEN ${suppressed} THEN 4 ELSE 0 END
     + CASE contacts.consent_basis ${sql.join(
       Object.entries(basisFlags).map(([basis, flag]) => sql`WHEN ${basis} THEN ${sql.lit(flag)}`),
       sql` `,
     )} ELSE 0 END) AS k,
    CASE WHEN contacts.list_id IS NOT NULL THEN contacts.list_id
         WHEN substr(contacts.source, 1, 5) = 'list:' THEN contacts.source END AS list_ref
    ${sql.join(
      extra.map((name) => sql`, ${sql.ref(`contacts.${name}`)} AS ${sql.ref(name)}`),
      sql``,
    )}`;
}

function suppressedIn(workspace: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM suppressions s WHERE s.workspace_id = ${workspace}
    AND s.phone = contacts.phone AND s.lifted_at IS NULL)`;
}

/**
 * The workspace's own contacts a campaign reaches (any of its audiences, or a purchased
 * list's copies), each once, in ascending id pages, suppressed ones flagged, not dropped.
 */
export async function* iterateOwnRecipients(
  scope: OwnRecipientScope,
  pageSize = 50_000,
): AsyncGenerator<RecipientRow[]> {
  const reach: RawBuilder<SqlBool>[] = scope.filters.map((f) =>
    compileAudienceFilter(f, scope.at, scope.caps),
  );
  if (scope.listSources.length > 0) {
    reach.push(
      sql<SqlBool>`(contacts.list_id IS NULL AND contacts.source IN (${sql.join(scope.listSources)}))`,
    );
  }
  if (reach.length === 0) return;
  const columns = selectColumns(scope, suppressedIn(sql`${scope.workspaceId}`));
  let after = 0;
  for (;;) {
    const { rows } = await sql<RecipientRow>`
      SELECT ${columns} FROM contacts
      WHERE contacts.workspace_id = ${scope.workspaceId} AND contacts.id > ${after}
        AND (${sql.join(reach, sql` OR `)})
      ORDER BY contacts.id LIMIT ${pageSize}`.execute(scope.db);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * The contacts a rental covers, in ascending id pages: the provider's list rows, flagged
 * suppressed when the provider's feed (LIST-04) or the renter's own suppressions hold the
 * number. Platform-internal: the numbers never leave the services unmasked.
 */
export async function* iterateRentalRecipients(
  db: Kysely<Database>,
  rental: {
    readonly licenceId: string;
    readonly listId: string;
    readonly providerWorkspaceId: string;
    readonly renterWorkspaceId: string;
  },
  columns: RecipientColumns,
  pageSize = 50_000,
): AsyncGenerator<RecipientRow[]> {
  const suppressed = sql<SqlBool>`(${suppressedIn(sql`contacts.workspace_id`)}
    OR ${suppressedIn(sql`${rental.renterWorkspaceId}`)})`;
  const select = selectColumns(columns, suppressed);
  let after = 0;
  for (;;) {
    const { rows } = await sql<RecipientRow>`
      SELECT ${select}
      FROM licence_contacts lc JOIN contacts ON contacts.id = lc.contact_id
      WHERE lc.licence_id = ${rental.licenceId}
        AND contacts.workspace_id = ${rental.providerWorkspaceId}
        AND contacts.list_id = ${rental.listId} AND contacts.id > ${after}
      ORDER BY contacts.id LIMIT ${pageSize}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}
