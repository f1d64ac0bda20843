import { type Kysely, sql } from 'kysely';
import { otherStopCodes } from '../core/message/check-stop.ts';
import type { Database } from './schema.ts';

/** What the dispatcher re-checks at hand-off, read for a whole batch in four queries. */
export interface HandOffFacts {
  /** `${workspaceId}|${phone}` of every active suppression among the batch. */
  readonly suppressed: ReadonlySet<string>;
  readonly contacts: ReadonlyMap<number, ContactFacts>;
  readonly campaigns: ReadonlyMap<string, CampaignFacts>;
  readonly licences: ReadonlyMap<string, LicenceFacts>;
}

export interface ContactFacts {
  readonly consentStatus: string;
  readonly consentValidUntil: string | null;
  readonly department: string | null;
  readonly postalCode: string | null;
}

export interface CampaignFacts {
  readonly state: string;
  readonly policy: string;
  readonly sender: string;
  /**
   * A STOP code the promotional text mentions that is not the workspace's (its setting, else
   * the server's): replies there would unsubscribe nobody (FR-MSG-02). Null when fine.
   */
  readonly stopCodeChange: { readonly mentioned: string; readonly expected: string } | null;
}

export interface LicenceFacts {
  readonly workspaceId: string;
  readonly type: string;
  readonly campaignId: string | null;
}

export async function loadHandOffFacts(
  db: Kysely<Database>,
  batch: ReadonlyArray<{
    workspaceId: string;
    campaignId: string;
    contactId: number | null;
    licenceId: string | null;
    phone: string;
  }>,
  serverStopCode?: string,
): Promise<HandOffFacts> {
  const phones = [...new Set(batch.map((m) => m.phone))];
  const workspaces = [...new Set(batch.map((m) => m.workspaceId))];
  const contactIds = [
    ...new Set(batch.flatMap((m) => (m.contactId === null ? [] : [m.contactId]))),
  ];
  const campaignIds = [...new Set(batch.map((m) => m.campaignId))];
  const licenceIds = [
    ...new Set(batch.flatMap((m) => (m.licenceId === null ? [] : [m.licenceId]))),
  ];
  const suppressed = new Set<string>();
  if (phones.length > 0) {
    const rows = await sql<{ workspace_id: string; phone: string }>`
      SELECT workspace_id, phone FROM suppressions WHERE lifted_at IS NULL
        AND workspace_id IN (${sql.join(workspaces)}) AND phone IN (${sql.join(phones)})`.execute(
      db,
    );
    for (const r of rows.rows) suppressed.add(`${r.workspace_id}|${r.phone}`);
  }
  const contacts = new Map<number, ContactFacts>();
  if (contactIds.length > 0) {
    // A rented contact belongs to the provider's workspace: scoped through the renter's licences.
    const rows = await sql<{
      id: number;
      consent_status: string;
      consent_valid_until: string | null;
      department: string | null;
      postal_code: string | null;
    }>`SELECT id, consent_status, consent_valid_until, department, postal_code FROM contacts
      WHERE id IN (${sql.join(contactIds)}) AND (workspace_id IN (${sql.join(workspaces)})
        OR workspace_id IN (SELECT provider_workspace_id FROM licences
          WHERE workspace_id IN (${sql.join(workspaces)})))`.execute(db);
    for (const r of rows.rows) {
      contacts.set(Number(r.id), {
        consentStatus: r.consent_status,
        consentValidUntil: r.consent_valid_until,
        department: r.department,
        postalCode: r.postal_code,
      });
    }
  }
  const campaigns = new Map<string, CampaignFacts>();
  const campaignRows = await sql<{
    id: string;
    state: string;
    policy: string;
    sender: string;
    template: string;
    purpose: string;
    stop_code: string | null;
  }>`
    SELECT c.id, c.state, c.policy, c.sender, c.template, c.purpose, s.stop_code
    FROM campaigns c LEFT JOIN workspace_settings s ON s.workspace_id = c.workspace_id
    WHERE c.id IN (${sql.join(campaignIds)}) AND c.workspace_id IN (${sql.join(workspaces)})`.execute(
    db,
  );
  for (const r of campaignRows.rows) {
    const expected = r.stop_code ?? serverStopCode;
    const mentioned =
      r.purpose === 'promotional' ? otherStopCodes(r.template, expected)[0] : undefined;
    campaigns.set(r.id, {
      state: r.state,
      policy: r.policy,
      sender: r.sender,
      stopCodeChange: mentioned && expected ? { mentioned, expected } : null,
    });
  }
  const licences = new Map<string, LicenceFacts>();
  if (licenceIds.length > 0) {
    const rows = await sql<{
      id: string;
      workspace_id: string;
      type: string;
      campaign_id: string | null;
    }>`SELECT id, workspace_id, type, campaign_id FROM licences
      WHERE id IN (${sql.join(licenceIds)}) AND workspace_id IN (${sql.join(workspaces)})`.execute(
      db,
    );
    for (const r of rows.rows) {
      licences.set(r.id, { workspaceId: r.workspace_id, type: r.type, campaignId: r.campaign_id });
    }
  }
  return { suppressed, contacts, campaigns, licences };
}
