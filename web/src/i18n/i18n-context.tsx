import { createContext, useContext } from 'react';
import { en } from './en.ts';
import { fr, type MessageKey, type Messages } from './fr.ts';

export type Lang = 'fr' | 'en';
export const dictionaries: Record<Lang, Messages> = { fr, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Looks a key up (an unknown key, e.g. a new rule family, reads as itself) and fills `{name}`. */
export function createTranslate(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, vars) =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? String(vars[name]) : whole,
    );
}

export const I18nContext = createContext<{ lang: Lang; t: Translate }>({
  lang: 'fr',
  t: createTranslate('fr'),
});

export function useT(): Translate {
  return useContext(I18nContext).t;
}

/**
 * The words for a code the API sends (`prefix.code`), or the code itself when the interface
 * has no words for it yet (a new state, a new reject reason).
 */
export function labelOfCode(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code : text;
}

/**
 * A message that agrees with a count: `base.one` or `base.other` by the language's own rule
 * (French puts 0 and 1 in the singular, English only 1), with `{count}` filled.
 */
export function usePlural(): (base: string, count: number) => string {
  const { lang, t } = useContext(I18nContext);
  const rules = new Intl.PluralRules(lang);
  return (base, count) =>
    t(`${base}.${rules.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, {
      count: count.toLocaleString(lang),
    });
}
