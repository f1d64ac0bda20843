import { z } from 'zod';

/** A preflight or marketplace finding: the rule, its layer, how many it concerns, why. */
export const findingView = z
  .object({
    rule: z.string(),
    layer: z.string(),
    severity: z.enum(['block', 'warn']),
    count: z.number(),
    message: z.string(),
  })
  // No meta id: nested in other named schemas, whose refs openapi.ts does not rewrite.
  .describe('A finding');
