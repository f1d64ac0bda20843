import type { Lang } from './i18n/i18n-context.tsx';

type Rule = readonly [RegExp, Record<Lang, (m: RegExpExecArray) => string>];

/** The validator's (zod's) usual messages, as the person at the screen reads them. */
const rules: readonly Rule[] = [
  [
    /^Too small: expected string to have >=1 characters?$/,
    { fr: () => 'obligatoire', en: () => 'required' },
  ],
  [
    /^Too small: expected string to have >=(\d+) characters$/,
    { fr: (m) => `${m[1]} caractères au moins`, en: (m) => `at least ${m[1]} characters` },
  ],
  [
    /^Too big: expected string to have <=(\d+) characters$/,
    { fr: (m) => `${m[1]} caractères au plus`, en: (m) => `at most ${m[1]} characters` },
  ],
  [
    /^Too small: expected number to be >=(-?[\d.]+)$/,
    { fr: (m) => `${m[1]} au moins`, en: (m) => `at least ${m[1]}` },
  ],
  [
    /^Too big: expected number to be <=(-?[\d.]+)$/,
    { fr: (m) => `${m[1]} au plus`, en: (m) => `at most ${m[1]}` },
  ],
  [
    /^Too small: expected array to have >=1 items?$/,
    { fr: () => 'choisissez-en au moins un', en: () => 'choose at least one' },
  ],
  [
    /^Invalid option: expected one of (.+)$/,
    {
      fr: (m) => `valeur non reconnue ; attendu : ${options(m[1]!, 'ou')}`,
      en: (m) => `not a known value; expected ${options(m[1]!, 'or')}`,
    },
  ],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    {
      fr: (m) => `${kinds[m[1]!] ?? m[1]} attendu`,
      en: (m) => `${m[1]} expected`,
    },
  ],
];

const kinds: Record<string, string> = {
  number: 'un nombre',
  string: 'un texte',
  boolean: 'oui ou non',
  array: 'une liste',
  object: 'un objet',
};

/** `"F"|"M"|"X"` -> `F, M ou X`. */
function options(list: string, or: string): string {
  const values = list.split('|').map((v) => v.replace(/^"|"$/g, ''));
  return values.length > 1
    ? `${values.slice(0, -1).join(', ')} ${or} ${values.at(-1)}`
    : values[0]!;
}

/** A problem the API reported, in plain words when it is one of the validator's own. */
export function plainProblem(message: string, lang: Lang): string {
  for (const [pattern, say] of rules) {
    const m = pattern.exec(message);
    if (m) return say[lang](m);
  }
  return message;
}
