import { type Action, permissionMatrix, type ResourceKind } from './permission-matrix.ts';
import type { Role } from './roles.ts';

/** Whether `role` may do `action` on a resource of `kind` (see the permission matrix). */
export function isPermitted(role: Role, action: Action, kind: ResourceKind): boolean {
  return permissionMatrix[role][kind]?.includes(action) ?? false;
}
