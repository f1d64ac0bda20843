/** The layer a rule comes from (see rules.md): law, operator charter, product policy, advice. */
export type RuleLayer = 'law' | 'charter' | 'policy' | 'advice';

/** One rule a message breaks: rule id from rules.md, block or warn, and a plain sentence. */
export interface Violation {
  readonly rule: string;
  readonly layer: RuleLayer;
  readonly severity: 'block' | 'warn';
  readonly message: string;
}

export function createViolation(
  rule: string,
  layer: RuleLayer,
  severity: 'block' | 'warn',
  message: string,
): Violation {
  return { rule, layer, severity, message };
}
