import type { AudienceOperator } from './audience-fields.ts';

export type ConditionValue = string | number | boolean | readonly (string | number)[];

/** One test of one field, e.g. `{ field: 'age', op: 'between', value: [25, 34] }`. */
export interface AudienceCondition {
  readonly kind: 'condition';
  readonly field: string;
  readonly op: AudienceOperator;
  readonly value: ConditionValue;
}

/**
 * A validated filter, normalised from its JSON form (see parseAudienceFilter):
 * `all`/`any`/`not` combine nodes; `audience` refers to a saved audience of the workspace
 * (replaced by its filter before evaluation); `messagedWithin` holds for contacts sent a message
 * in the last `days` days, so `not` of it is the frequency-capping exclusion.
 */
export type AudienceNode =
  | { readonly kind: 'all'; readonly nodes: readonly AudienceNode[] }
  | { readonly kind: 'any'; readonly nodes: readonly AudienceNode[] }
  | { readonly kind: 'not'; readonly node: AudienceNode }
  | AudienceCondition
  | { readonly kind: 'audience'; readonly name: string }
  | { readonly kind: 'messagedWithin'; readonly days: number };

/** Limits of a filter: deeper or bigger ones are refused as bad input. */
export const audienceLimits = {
  maxDepth: 8,
  maxNodes: 200,
  maxListValues: 500,
  maxJsonBytes: 65_536,
} as const;
