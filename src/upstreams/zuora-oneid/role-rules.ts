import type { OneIdRole } from './oneid-wire.js';

/** The tenant's rules for OneID's one role per user (config `adminRoles`, `adminGroups`). */
export interface RoleRules {
  adminRoles: readonly string[];
  adminGroups: readonly string[];
}

const within = (list: readonly string[], value: string): boolean => {
  const lower = value.toLowerCase();
  return list.some((item) => item.toLowerCase() === lower);
};

/**
 * OneID holds exactly one role, `ADMIN` (Organization Admin) or `USER` (Standard User) (upstreams.md §A.4). A user is
 * `ADMIN` when the IdP sent the role `ADMIN` itself, a role listed in `adminRoles`, or belongs to a group listed in
 * `adminGroups` (all case-insensitive); `USER` otherwise, including when the IdP sent nothing. An explicit `USER` does
 * not outrank an admin group: the more specific grant wins. Pure.
 */
export function oneIdRoleFor(roleValues: readonly string[], groupNames: readonly string[], rules: RoleRules): OneIdRole {
  const admin =
    roleValues.some((r) => r.toUpperCase() === 'ADMIN' || within(rules.adminRoles, r)) ||
    groupNames.some((g) => within(rules.adminGroups, g));
  return admin ? 'ADMIN' : 'USER';
}
