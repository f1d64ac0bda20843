import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { ConsentEventInput } from '../core/consent/consent-event.ts';
import { fingerprintConsentEvent } from '../core/consent/hash-consent-event.ts';
import { mergeContact } from '../core/contact/merge-contact.ts';
import type { ContactValues } from '../core/contact/normalise-contact.ts';
import { DomainError } from '../core/domain-error.ts';
import { formatListSource } from '../core/marketplace/format-list-source.ts';
import { parseEuroAmount } from '../core/marketplace/parse-euro-amount.ts';
import { parseNumber } from '../core/phone/parse-number.ts';
import type { Store } from '../store/db.ts';
import {
  insertListContacts,
  insertListRow,
  type List,
  type ListContactInput,
  listLists,
} from '../store/lists.ts';
import { type ListRefusal, readListText, scanListFile } from './list-file.ts';
import { resolveWorkspace } from './workspaces.ts';

export type { List };

export interface ListImportRequest {
  readonly file: string;
  /** The file as the provider knows it, in messages and the events' origin (as `importContacts`). */
  readonly fileName?: string | undefined;
  /** The provider's workspace, id or name. */
  readonly workspace: string;
  readonly name: string;
  readonly description?: string | undefined;
  /** Euros per thousand, as typed ('45', '45.50'); absent: not offered for that use. */
  readonly rentalCpm?: string | undefined;
  readonly purchaseCpm?: string | undefined;
  readonly minimumOrder?: string | undefined;
  /** Comma-separated seed (control) numbers. */
  readonly seeds?: string | undefined;
  /** Partner names on the collection form, separated by ';' or ','. */
  readonly partners?: string | undefined;
  /** Where the refused rows are written (default FILE.rejects.csv). */
  readonly rejectsFile?: string | undefined;
  readonly now: Date;
}

export type ListImportOutcome =
  | {
      readonly ok: true;
      readonly list: List;
      readonly rows: number;
      readonly imported: number;
      readonly duplicates: number;
      readonly rejected: number;
      readonly rejectedByReason: Record<string, number>;
      readonly rejectsFile: string;
    }
  | ListRefusal;

const coverageFields: Record<string, (c: ContactValues) => unknown> = {
  firstName: (c) => c.first_name,
  postalCode: (c) => c.postal_code,
  department: (c) => c.department,
  age: (c) => c.birth_date ?? c.birth_year,
  gender: (c) => c.gender,
  children: (c) => c.children,
  profession: (c) => c.profession,
  income: (c) => c.income,
  housing: (c) => c.housing,
  transport: (c) => c.transport,
  interests: (c) => c.interests,
};

/**
 * Publishes a list (issue 6, rules.md §7): every number must carry consent to transmission to
 * partners with the partner list URL and version (LIST-01), none may come from an opt-out
 * source (FR-CONS-02); otherwise the whole file is refused with the reason and nothing is
 * written. Rows with a bad number or attribute are skipped, counted by reason and written to
 * the rejects file with their line, as the contacts import does (also when no row is valid,
 * where that file is the only explanation).
 */
export async function importList(
  store: Store,
  request: ListImportRequest,
): Promise<ListImportOutcome> {
  const provider = await resolveWorkspace(store, request.workspace);
  if (provider.is_provider !== 1) {
    throw new DomainError(
      'refused',
      `workspace '${provider.name}' is not a list provider (create it with --provider)`,
    );
  }
  const { name, rentalCpmCents, purchaseCpmCents, minimumOrderCents, seeds, partners } =
    readListTerms(request);
  const text = readListText(request.file, request.fileName);
  const shownAs = request.fileName ?? request.file;
  // Pass 1: judge every row before anything is written; note numbers seen twice.
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const filled: Record<string, number> = Object.fromEntries(
    Object.keys(coverageFields).map((k) => [k, 0]),
  );
  let good = 0;
  const judged = drain(scanListFile(text, shownAs, request.now), (row) => {
    good += 1;
    if (seen.has(row.contact.phone)) repeated.add(row.contact.phone);
    else seen.add(row.contact.phone);
    for (const [field, read] of Object.entries(coverageFields)) {
      if (read(row.contact) !== null) filled[field]! += 1;
    }
  });
  if (!judged.ok) return judged;
  const rejectsFile = request.rejectsFile ?? `${request.file}.rejects.csv`;
  if (seen.size === 0) {
    await writeFile(rejectsFile, judged.rejects);
    const reasons = Object.entries(judged.rejectedByReason)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    return {
      ok: false,
      reason: 'no_contacts',
      message:
        judged.rows === 0
          ? 'the file has no rows after its header; nothing imported'
          : `no valid contact: ${judged.rejected} rows refused (${reasons}), each listed with its line and reason in the rejects file; nothing imported`,
      line: null,
      rejected: judged.rejected,
      rejectedByReason: judged.rejectedByReason,
      rejectsFile,
    };
  }
  const id = `lst_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const source = formatListSource(id, 1);
  const coverage = Object.fromEntries(
    Object.entries(filled).map(([field, n]) => [field, Math.round((n / good) * 1000) / 1000]),
  );
  const row = {
    id,
    workspace_id: provider.id,
    name,
    description: request.description?.trim() || null,
    version: 1,
    rental_cpm_cents: rentalCpmCents,
    purchase_cpm_cents: purchaseCpmCents,
    minimum_order_cents: minimumOrderCents,
    seeds: JSON.stringify(seeds),
    partners: JSON.stringify(partners),
    coverage: JSON.stringify(coverage),
    contacts: seen.size,
    created_at: request.now.toISOString(),
  };
  const options = {
    origin: `list-import:${request.fileName ?? request.file.split('/').pop()}`,
    maxParameters: store.capabilities.maxParameters,
  };
  // Pass 2: write in batches in one transaction; numbers seen twice are merged and written last.
  await store.bulk(async ({ db }) => {
    if ((await listLists(db, provider.id)).some((l) => l.name === name)) {
      throw new DomainError(
        'conflict',
        `a list named '${name}' already exists in ${provider.name}`,
      );
    }
    await insertListRow(db, row);
    const merged = new Map<string, ListContactInput & { events: ConsentEventInput[] }>();
    let batch: ListContactInput[] = [];
    for (const r of rowsOf(scanListFile(text, shownAs, request.now))) {
      const contact = { ...r.contact, source };
      if (!repeated.has(contact.phone)) {
        batch.push({ contact, events: [r.consent] });
        if (batch.length >= 5000) {
          await insertListContacts(db, row, batch, options);
          batch = [];
        }
        continue;
      }
      const same = merged.get(contact.phone);
      const print = fingerprintConsentEvent(contact.phone, r.consent);
      if (!same) merged.set(contact.phone, { contact, events: [r.consent] });
      else {
        merged.set(contact.phone, {
          contact: mergeContact(same.contact, contact),
          events: same.events,
        });
        if (!same.events.some((e) => fingerprintConsentEvent(contact.phone, e) === print)) {
          same.events.push(r.consent);
        }
      }
    }
    await insertListContacts(db, row, [...batch, ...merged.values()], options);
  });
  await writeFile(rejectsFile, judged.rejects);
  const list = (await listLists(store.db, provider.id)).find((l) => l.id === id)!;
  return {
    ok: true,
    list,
    rows: judged.rows,
    imported: seen.size,
    duplicates: good - seen.size,
    rejected: judged.rejected,
    rejectedByReason: judged.rejectedByReason,
    rejectsFile,
  };
}

/** The lists a provider published. */
export async function listProviderLists(store: Store, workspace: string): Promise<List[]> {
  const provider = await resolveWorkspace(store, workspace);
  return listLists(store.db, provider.id);
}

/**
 * A list's terms as given (name, prices, seeds, partners), checked: bad input throws
 * DomainError('invalid_input') naming the field, as the API calls it and as the CLI option.
 * The API checks them before it accepts the upload, not in the job after a 201.
 */
export function readListTerms(
  request: Pick<
    ListImportRequest,
    'name' | 'rentalCpm' | 'purchaseCpm' | 'minimumOrder' | 'seeds' | 'partners'
  >,
) {
  const name = request.name.trim();
  if (!name || name.length > 120) {
    throw new DomainError('invalid_input', 'name (--name) must be 1 to 120 characters', {
      field: 'name',
    });
  }
  const rentalCpmCents = euros('rentalCpm (--rental-cpm)', 'rentalCpm', request.rentalCpm);
  const purchaseCpmCents = euros(
    'purchaseCpm (--purchase-cpm)',
    'purchaseCpm',
    request.purchaseCpm,
  );
  if (rentalCpmCents === null && purchaseCpmCents === null) {
    throw new DomainError(
      'invalid_input',
      'give rentalCpm (--rental-cpm) and/or purchaseCpm (--purchase-cpm), euros per thousand: a list must have a price',
      { field: 'rentalCpm' },
    );
  }
  return {
    name,
    rentalCpmCents,
    purchaseCpmCents,
    minimumOrderCents:
      euros('minimumOrder (--minimum-order)', 'minimumOrder', request.minimumOrder) ?? 0,
    seeds: parseSeeds(request.seeds),
    partners: splitNames(request.partners),
  };
}

function euros(option: string, field: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const cents = parseEuroAmount(text);
  if (cents === null) {
    throw new DomainError(
      'invalid_input',
      `${option}: '${text}' is not an amount in euros like 45 or 45.50`,
      { field },
    );
  }
  return cents;
}

function parseSeeds(text: string | undefined): string[] {
  const seeds = new Set<string>();
  for (const raw of (text ?? '')
    .split(/[,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = parseNumber(raw);
    if (!parsed.valid || !parsed.e164 || !parsed.mobile) {
      throw new DomainError(
        'invalid_input',
        `seeds (--seeds): '${raw}' is not a valid mobile number`,
        { field: 'seeds' },
      );
    }
    seeds.add(parsed.e164);
  }
  return [...seeds];
}

function splitNames(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/[;,]/)
        .map((p) => p.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ];
}

/** Runs a scan to its end, visiting each row; returns the scan's verdict. */
function drain<T, R>(scan: Generator<T, R>, visit: (row: T) => void): R {
  for (;;) {
    const next = scan.next();
    if (next.done) return next.value;
    visit(next.value);
  }
}

/** The rows of a scan already judged good. */
function* rowsOf<T>(scan: Generator<T, unknown>): Generator<T> {
  for (;;) {
    const next = scan.next();
    if (next.done) return;
    yield next.value;
  }
}
