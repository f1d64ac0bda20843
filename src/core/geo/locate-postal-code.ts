/**
 * Postal code -> commune, département and region, from the official data of
 * @etalab/decoupage-administratif (INSEE codes). The caller reads the data files (no I/O here).
 */
export interface Place {
  readonly communeCode: string | null;
  readonly commune: string | null;
  readonly department: string | null;
  readonly region: string | null;
  readonly regionName: string | null;
}

export interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
}

export type PostalIndex = ReadonlyMap<string, readonly Place[]>;

export function buildPostalIndex(
  communes: readonly CommuneRecord[],
  regionNames: ReadonlyMap<string, string>,
): PostalIndex {
  const index = new Map<string, Place[]>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    const place: Place = {
      communeCode: c.code,
      commune: c.nom,
      department: c.departement ?? null,
      region: c.region ?? null,
      regionName: (c.region && regionNames.get(c.region)) ?? null,
    };
    for (const cp of c.codesPostaux ?? []) {
      const list = index.get(cp);
      if (list) list.push(place);
      else index.set(cp, [place]);
    }
  }
  return index;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .trim();

/**
 * The place of a postal code. Several communes share most postal codes: the commune is set
 * only when it is the only one or when `communeName` picks one; département and region are
 * set when every candidate agrees. Null for an unknown code.
 */
export function locatePostalCode(
  index: PostalIndex,
  postalCode: string,
  communeName?: string | null,
): Place | null {
  const candidates = index.get(postalCode);
  if (!candidates || candidates.length === 0) return null;
  const named = communeName
    ? candidates.filter((c) => c.commune && fold(c.commune) === fold(communeName))
    : [];
  const [first] = named.length === 1 ? named : candidates;
  if (named.length === 1 || candidates.length === 1) return first!;
  const same = <K extends keyof Place>(k: K) =>
    candidates.every((c) => c[k] === first![k]) ? first![k] : null;
  return {
    communeCode: null,
    commune: null,
    department: same('department'),
    region: same('region'),
    regionName: same('region') ? first!.regionName : null,
  };
}
