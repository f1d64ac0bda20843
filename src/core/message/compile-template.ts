import { gsmAlphabet } from './gsm-alphabet.ts';

export type TemplateValues = Readonly<Record<string, string | null | undefined>>;

export interface TemplateSlot {
  readonly name: string;
  /** Used when the value is missing, empty or only spaces; undefined when none was written. */
  readonly fallback: string | undefined;
}

export interface CompiledTemplate {
  readonly source: string;
  /** literals.length === slots.length + 1: text = literals[0] + slot 0 + literals[1] + … */
  readonly literals: readonly string[];
  readonly slots: readonly TemplateSlot[];
  /** Placeholder names, each once, in order of first use. */
  readonly placeholders: readonly string[];
  /** Septets of the literal text when it is all GSM-7, else -1. */
  readonly literalSeptets: number;
  /** UTF-16 units of the literal text. */
  readonly literalLength: number;
  render(values: TemplateValues): { text: string; missing: string[] };
}

/**
 * `{name}` and `{name|fallback}`; a name is a letter or _ then letters, digits or _. Anything
 * else in braces ("{ }", "{1}") is literal text. The fallback may hold spaces and accents.
 */
const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}]*))?\}/g;

/** Parses a template once, so rendering a million recipients never re-parses it. */
export function compileTemplate(source: string): CompiledTemplate {
  const literals: string[] = [];
  const slots: TemplateSlot[] = [];
  let last = 0;
  for (const m of source.matchAll(placeholder)) {
    literals.push(source.slice(last, m.index));
    slots.push({ name: m[1]!, fallback: m[2] });
    last = m.index + m[0].length;
  }
  literals.push(source.slice(last));
  const literal = literals.join('');
  return {
    source,
    literals,
    slots,
    placeholders: [...new Set(slots.map((s) => s.name))],
    literalSeptets: countSeptets(literal),
    literalLength: literal.length,
    render(values) {
      const missing: string[] = [];
      let text = literals[0]!;
      for (let i = 0; i < slots.length; i += 1) {
        const value = resolveSlot(slots[i]!, values);
        if (value === undefined) missing.push(slots[i]!.name);
        text += (value ?? '') + literals[i + 1]!;
      }
      return { text, missing };
    },
  };
}

/** The value a slot renders to: the recipient's value, else the fallback, else undefined. */
export function resolveSlot(slot: TemplateSlot, values: TemplateValues): string | undefined {
  const value = values[slot.name];
  if (value !== undefined && value !== null && value.trim() !== '') return value;
  return slot.fallback;
}

/** Septets of a GSM-7 text, or -1 when a character is outside GSM-7. */
export function countSeptets(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i += 1) {
    const cost = gsmAlphabet.costOf(text.charCodeAt(i));
    if (cost === 0) return -1;
    septets += cost;
  }
  return septets;
}
