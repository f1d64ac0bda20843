import { DomainError } from '../domain-error.ts';
import type { AudienceNode } from './audience-node.ts';

const maxNesting = 5;

/**
 * Replaces every `{ audience: NAME }` node by the saved audience's filter, recursively. An
 * unknown name is `not_found`; a cycle or more than 5 levels of references is `invalid_input`.
 */
export function resolveAudienceRefs(
  node: AudienceNode,
  lookup: (name: string) => AudienceNode | undefined,
  trail: readonly string[] = [],
): AudienceNode {
  switch (node.kind) {
    case 'all':
    case 'any':
      return {
        kind: node.kind,
        nodes: node.nodes.map((n) => resolveAudienceRefs(n, lookup, trail)),
      };
    case 'not':
      return { kind: 'not', node: resolveAudienceRefs(node.node, lookup, trail) };
    case 'audience': {
      if (trail.includes(node.name)) {
        throw new DomainError(
          'invalid_input',
          `audience '${node.name}' refers to itself through ${[...trail, node.name].join(' -> ')}`,
        );
      }
      if (trail.length >= maxNesting) {
        throw new DomainError(
          'invalid_input',
          `audiences nest more than ${maxNesting} levels deep`,
        );
      }
      const target = lookup(node.name);
      if (!target) throw new DomainError('not_found', `no saved audience named '${node.name}'`);
      return resolveAudienceRefs(target, lookup, [...trail, node.name]);
    }
    default:
      return node;
  }
}
