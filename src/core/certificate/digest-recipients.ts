import { createHash } from 'node:crypto';

/**
 * The digest of a recipient set: SHA-256 (hex) over the E.164 numbers, deduplicated, sorted
 * in code-unit order and joined by '\n'. The same set gives the same digest whatever the order
 * it was read in, so an auditor can recompute it from any export of the numbers.
 */
export function digestRecipients(numbers: Iterable<string>): string {
  const sorted = [...new Set(numbers)].sort();
  const hash = createHash('sha256');
  for (let i = 0; i < sorted.length; i++) hash.update(i === 0 ? sorted[i]! : `\n${sorted[i]}`);
  return hash.digest('hex');
}
