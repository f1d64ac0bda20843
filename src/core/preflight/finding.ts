import type { RuleLayer } from '../message/violation.ts';
import { type RuleId, ruleCatalogue } from './rule-catalogue.ts';

/** One line of the compliance report: which rule, which layer, block or warn, how many, why. */
export interface Finding {
  readonly rule: string;
  readonly layer: RuleLayer;
  readonly severity: 'block' | 'warn';
  /** Recipients (or messages) concerned. */
  readonly count: number;
  /** A sentence a marketer understands (French). */
  readonly message: string;
}

/** A finding on a catalogued rule, with the rule's layer. */
export function createFinding(
  rule: RuleId,
  severity: 'block' | 'warn',
  count: number,
  message: string,
): Finding {
  return { rule, layer: ruleCatalogue[rule].layer, severity, count, message };
}
