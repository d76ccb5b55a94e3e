import type { OneIdRole } from './oneid-wire.js';

/** The tenant's rules for OneID's one role per user (config `adminRoles`, `adminGroups`). */
export interface RoleRules {
  adminRoles: readonly string[];
  adminGroups: readonly string[];
}

/** The role OneID gives a user created without any matching role or group (a Standard User). */
export const DEFAULT_ROLE: OneIdRole = 'USER';

const within = (list: readonly string[], value: string): boolean => {
  const lower = value.toLowerCase();
  return list.some((item) => item.toLowerCase() === lower);
};

/**
 * What the role rules read from a user: the roles the IdP sent and the admin groups it is in that match a rule
 * (`role:<value>` and `group:<name>`, lower case, sorted). Roles and groups no rule names are left out, so changing
 * them is not a change of inputs. An explicit role value `ADMIN` or `USER` is an input like any configured role.
 */
export function roleInputs(roleValues: readonly string[], groupNames: readonly string[], rules: RoleRules): string[] {
  const roles = roleValues.filter((r) => ['ADMIN', 'USER'].includes(r.toUpperCase()) || within(rules.adminRoles, r)).map((r) => `role:${r.toLowerCase()}`);
  const groups = groupNames.filter((g) => within(rules.adminGroups, g)).map((g) => `group:${g.toLowerCase()}`);
  return [...new Set([...roles, ...groups])].sort();
}

/**
 * The role a set of inputs asks for (docs/upstreams/zuora-oneid.md §4: OneID holds exactly one, `ADMIN` = Organization Admin or
 * `USER` = Standard User): `ADMIN` for the role `ADMIN`, a role in `adminRoles` or a group in `adminGroups`, all
 * case-insensitive; `USER` for an explicit role `USER` and no admin input (the more specific grant wins);
 * `undefined` when no input matches. Pure.
 */
export function roleAskedFor(inputs: readonly string[]): OneIdRole | undefined {
  if (inputs.some((i) => i !== 'role:user')) return 'ADMIN';
  return inputs.length > 0 ? 'USER' : undefined;
}

/**
 * The role a write sets, or `undefined` to keep the one OneID holds (the ownership rule of `UserWrite`):
 * - at creation (`previous` undefined): what the inputs ask for, else the default `USER`;
 * - inputs unchanged since the last write: keep OneID's (a role changed in OneID's console stays);
 * - inputs changed: what they ask for now; with none left, a user that had one returns to the default (leaving the
 *   admin group demotes), and a user that never had one keeps OneID's.
 * Pure.
 */
export function roleToWrite(now: readonly string[], previous: readonly string[] | undefined): OneIdRole | undefined {
  if (previous === undefined) return roleAskedFor(now) ?? DEFAULT_ROLE;
  if (now.length === previous.length && now.every((input, i) => input === previous[i])) return undefined;
  return roleAskedFor(now) ?? (previous.length > 0 ? DEFAULT_ROLE : undefined);
}
