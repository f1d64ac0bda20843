/**
 * Who may act. Member roles are given per workspace (a user can be owner of one workspace and
 * analyst of another; an API key carries one). `admin` is the platform admin flag of a user,
 * never a member role: it applies in workspaces the admin is not a member of.
 */
export const memberRoles = ['owner', 'marketer', 'analyst', 'provider'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const roles = [...memberRoles, 'admin'] as const;
export type Role = (typeof roles)[number];

export function isMemberRole(value: string): value is MemberRole {
  return (memberRoles as readonly string[]).includes(value);
}

/**
 * The key roles a member of `role` may hold: an API key does not outlive its creator's access
 * nor exceed it (a member removed or demoted loses the keys above them). Owners may hold any.
 */
export function keyRolesWithin(role: MemberRole): readonly MemberRole[] {
  if (role === 'owner') return memberRoles;
  if (role === 'marketer') return ['marketer', 'analyst'];
  return [role];
}
