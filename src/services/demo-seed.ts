import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../store/db.ts';
import { findUserByEmail } from '../store/users.ts';
import { defaultWorkspaceId } from '../store/workspaces.ts';
import { createSeededRandom } from '../transports/seeded-random.ts';
import { createOwnedWorkspace, createUser, type Principal } from './accounts.ts';
import { saveAudience } from './audiences.ts';
import { createCampaign } from './campaigns.ts';
import { importContacts } from './import.ts';
import { importList } from './lists.ts';
import { addMember } from './members.ts';
import { changeWorkspaceSettings } from './workspace-settings.ts';

/**
 * The demo of `npm start` on an empty database: an advertiser with its own contacts, an
 * audience and a draft campaign; a provider with a synthetic opt-in list of 50,000 numbers
 * offered for rental; logins for both. Numbers are synthetic, from the 06 55 5x block (a
 * "555" block easy to recognise; the ARCEP fiction block 06 39 98 is not a valid mobile range
 * for libphonenumber, so it cannot be used), and the demo sends only to the simulator.
 */
export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: string;
  readonly workspace: string;
}

export interface DemoSeed {
  readonly seeded: boolean;
  readonly logins: readonly DemoLogin[];
  readonly advertiserId?: string;
  readonly providerId?: string;
  readonly listContacts?: number;
  readonly ownContacts?: number;
  readonly durationMs?: number;
}

export const demoPassword = 'texto-demo-2026';

const firstNames = {
  F: 'Camille Léa Manon Chloé Emma Inès Sarah Julie Laura Marie Nathalie Isabelle Sophie Céline Aurélie Élodie Anne Catherine'.split(
    ' ',
  ),
  M: 'Lucas Hugo Louis Nathan Thomas Nicolas Julien Maxime Pierre Antoine Alexandre Romain Sébastien Laurent Philippe Éric Yanis'.split(
    ' ',
  ),
};
const lastNames =
  'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine'.split(
    ' ',
  );
/** Postal codes of real communes, weighted roughly by population. */
const postalCodes =
  '75011 75015 75018 75020 92100 93100 94000 69003 69007 13008 13005 31000 33000 44000 59000 67000 34000 35000 06000 21000 37000 38000 49000 51100 63000 76000 80000 87000 29200 64000 66000 72000 45000 57000 25000 86000 17000 74000'.split(
    ' ',
  );
const housings = ['house_owner', 'house_tenant', 'flat_owner', 'flat_tenant'];
const incomes = ['lt15k', '15k-30k', '30k-45k', '45k-60k', '60k-90k', 'gt90k'];
const transports = ['car', 'bicycle', 'public_transport', 'walking', 'motorbike'];
const interests =
  'sport cuisine voyage jardinage bricolage mode lecture high-tech musique cinema deco enfants'.split(
    ' ',
  );

const header =
  'phone,first_name,last_name,postal_code,birth_year,gender,children,profession,income,housing,transport,interests,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_source,consent_form_url,consent_partner,consent_partner_list_url,consent_partner_list_version';

function syntheticRows(
  count: number,
  numberAt: (i: number) => string,
  seed: number,
  consent: (i: number) => string,
): string {
  const random = createSeededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const lines = [header];
  for (let i = 0; i < count; i += 1) {
    const gender = random() < 0.52 ? 'F' : 'M';
    const tags = (list: readonly string[], n: number) =>
      [...new Set(Array.from({ length: n }, () => pick(list)))].join('|');
    lines.push(
      [
        numberAt(i),
        pick(firstNames[gender]),
        pick(lastNames),
        pick(postalCodes),
        1950 + Math.floor(random() * 56),
        gender,
        Math.floor(random() * 4),
        1 + Math.floor(random() * 8),
        pick(incomes),
        pick(housings),
        tags(transports, 1 + Math.floor(random() * 2)),
        tags(interests, 1 + Math.floor(random() * 3)),
        consent(i),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** 06 55 50 00 00 … 06 55 54 99 99: the list; 06 55 59 xx xx: the advertiser's own file. */
const listNumber = (i: number) => `0655${String(500000 + i).padStart(6, '0')}`;
const ownNumber = (i: number) => `0655${String(590000 + i).padStart(6, '0')}`;

/**
 * Nothing of anyone's yet: no account, no contact, no workspace but the one made on first run.
 * A database set up from the command line (a workspace and its contacts, no account) is not
 * empty: the demo's accounts, with their public password, must not appear beside it.
 */
async function databaseIsEmpty(store: Store): Promise<boolean> {
  const r = await sql<{ n: number | string }>`SELECT
      (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM contacts)
      + (SELECT COUNT(*) FROM workspaces WHERE id <> ${defaultWorkspaceId}) AS n`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0) === 0;
}

/** The demo logins whose accounts exist (a database seeded earlier): none otherwise. */
async function existingLogins(store: Store, logins: readonly DemoLogin[]): Promise<DemoLogin[]> {
  const found = await Promise.all(logins.map((l) => findUserByEmail(store.db, l.email)));
  return logins.filter((_, i) => found[i] !== undefined);
}

/** Seeds the demo when no account exists yet; otherwise does nothing. */
export async function seedDemo(
  store: Store,
  now: Date,
  options: { password?: string; listSize?: number; ownContacts?: number; stopCode?: string } = {},
): Promise<DemoSeed> {
  const password = options.password ?? demoPassword;
  const logins: DemoLogin[] = [
    { email: 'marketing@dupont.demo', password, role: 'owner', workspace: 'Meubles Dupont' },
    { email: 'analyste@dupont.demo', password, role: 'analyst', workspace: 'Meubles Dupont' },
    { email: 'listes@optin-france.demo', password, role: 'owner', workspace: 'OptIn France' },
  ];
  if (!(await databaseIsEmpty(store))) {
    return { seeded: false, logins: await existingLogins(store, logins) };
  }
  const started = performance.now();
  const listSize = options.listSize ?? 50_000;
  const ownSize = options.ownContacts ?? 2_000;
  const asPrincipal = (user: { id: string; email: string }): Principal => ({
    kind: 'user',
    id: user.id,
    email: user.email,
    name: null,
    isAdmin: false,
    sessionId: '',
    csrfHash: '',
  });
  const marketer = await createUser(
    store,
    { email: logins[0]!.email, password, name: 'Claire Dupont' },
    now,
  );
  const listOwner = await createUser(
    store,
    { email: logins[2]!.email, password, name: 'Marc Leroy' },
    now,
  );
  const advertiser = await createOwnedWorkspace(
    store,
    asPrincipal(marketer),
    { name: 'Meubles Dupont', legalName: 'Meubles Dupont SAS' },
    now,
  );
  await changeWorkspaceSettings(
    store,
    null,
    advertiser.id,
    { rightsMention: 'dupont.demo/rgpd' },
    now,
  );
  await addMember(
    store,
    asPrincipal(marketer),
    advertiser.id,
    { email: logins[1]!.email, role: 'analyst', password },
    now,
  );
  const provider = await createOwnedWorkspace(
    store,
    asPrincipal(listOwner),
    { name: 'OptIn France', legalName: 'OptIn France SARL', isProvider: true },
    now,
  );
  const dir = mkdtempSync(join(tmpdir(), 'texto-demo-'));
  try {
    const day = (i: number) =>
      new Date(now.getTime() - (30 + (i % 600)) * 86_400_000).toISOString().slice(0, 10);
    const ownFile = join(dir, 'own.csv');
    writeFileSync(
      ownFile,
      syntheticRows(ownSize, ownNumber, 11, (i) =>
        [
          'opt_in',
          i % 3 ? 'unticked_checkbox' : 'double_opt_in',
          "J'accepte de recevoir les offres de Meubles Dupont par SMS",
          day(i),
          'first_party',
          'https://dupont.demo/newsletter',
          'false',
          '',
          '',
        ].join(','),
      ),
    );
    const own = await importContacts(store, {
      file: ownFile,
      workspaceId: advertiser.id,
      now,
      rejectsFile: join(dir, 'own.rejects.csv'),
    });
    if (!own.ok) throw new Error(`demo seed: own contacts refused: ${own.message}`);
    const listFile = join(dir, 'list.csv');
    writeFileSync(
      listFile,
      syntheticRows(listSize, listNumber, 7, (i) =>
        [
          'opt_in',
          'unticked_checkbox',
          "J'accepte de recevoir les offres des partenaires d'OptIn France",
          day(i * 7),
          'list_provider',
          'https://optin-france.demo/jeu-concours',
          'true',
          'https://optin-france.demo/partenaires',
          'v4',
        ].join(','),
      ),
    );
    const list = await importList(store, {
      file: listFile,
      workspace: provider.id,
      name: 'France opt-in 2026',
      description: 'Opt-in partenaires, jeux-concours, toute la France métropolitaine',
      rentalCpm: '65',
      purchaseCpm: '240',
      minimumOrder: '150',
      seeds: '06 55 58 99 01, 06 55 58 99 02',
      partners: 'Meubles Dupont SAS; Maison Martin; Décor & Cie',
      now,
    });
    if (!list.ok) throw new Error(`demo seed: list refused: ${list.message}`);
    await saveAudience(
      store,
      {
        workspace: advertiser.id,
        name: 'Île-de-France',
        filter: { field: 'department', in: ['75', '92', '93', '94'] },
      },
      now,
    );
    const stop = options.stopCode ?? '36180';
    await createCampaign(
      store,
      {
        workspace: advertiser.id,
        name: 'Soldes canapés (démo)',
        sender: 'DUPONT',
        text: `Meubles Dupont : -20% sur les canapés ce week-end ! STOP au ${stop}`,
        audiences: ['Île-de-France'],
      },
      now,
    );
    return {
      seeded: true,
      logins,
      advertiserId: advertiser.id,
      providerId: provider.id,
      listContacts: list.imported,
      ownContacts: own.summary.imported,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
