import type { AudienceNode } from '../audience/audience-node.ts';
import { listSourcePrefix } from './format-list-source.ts';

/**
 * An audience filter restricted to one list's contacts (their source is 'list:<id>@<version>'),
 * so that the audience counts of the provider's workspace count that list only.
 */
export function scopeListFilter(listId: string, filter: AudienceNode): AudienceNode {
  return {
    kind: 'all',
    nodes: [
      { kind: 'condition', field: 'source', op: 'prefix', value: listSourcePrefix(listId) },
      filter,
    ],
  };
}
