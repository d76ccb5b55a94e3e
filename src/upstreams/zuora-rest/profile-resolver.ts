import type { ZuoraProfileMapping } from './zuora-rest-config.js';
import type { ZuoraProfile } from './zuora-user.js';

/** Find a profile by id or by name (case-insensitively). */
export function findProfile(profiles: readonly ZuoraProfile[], nameOrId: string): ZuoraProfile | undefined {
  const lower = nameOrId.toLowerCase();
  return profiles.find((p) => p.id === nameOrId) ?? profiles.find((p) => p.name.toLowerCase() === lower);
}

const lookup = (table: Record<string, string>, key: string): string | undefined => {
  if (key in table) return table[key];
  const lower = key.toLowerCase();
  const found = Object.keys(table).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : table[found];
};

/** The profile a role stands for: through `mapping.roles`, or the role names a profile itself. */
const profileOfRole = (role: string, mapping: ZuoraProfileMapping, profiles: readonly ZuoraProfile[]): string | undefined =>
  lookup(mapping.roles, role) ?? (findProfile(profiles, role) ? role : undefined);

/**
 * The inputs of a user's profile that the mapping knows, normalised (`role:admin`, `group:billing team`) and sorted:
 * two writes with the same list cannot call for different profiles, so an unchanged list means "leave the profile
 * alone". Roles and groups the mapping does not name are not inputs. Pure.
 */
export function mappedInputs(
  roleValues: readonly string[],
  groupNames: readonly string[],
  mapping: ZuoraProfileMapping,
  profiles: readonly ZuoraProfile[],
): string[] {
  const roles = roleValues.filter((r) => profileOfRole(r, mapping, profiles) !== undefined).map((r) => `role:${r.toLowerCase()}`);
  const groups = groupNames.filter((g) => lookup(mapping.groups, g) !== undefined).map((g) => `group:${g.toLowerCase()}`);
  return [...new Set([...roles, ...groups])].sort();
}

/**
 * The profile the mapping gives these roles and groups, or `undefined` when none of them maps: candidates from
 * roles (a role may also name a profile directly) and from groups; the strongest by `precedence` wins (unlisted ones
 * rank after listed ones, in the order found). Pure.
 */
export function mappedProfile(
  roleValues: readonly string[],
  groupNames: readonly string[],
  mapping: ZuoraProfileMapping,
  profiles: readonly ZuoraProfile[],
): ZuoraProfile | undefined {
  const candidates: ZuoraProfile[] = [];
  const add = (nameOrId: string | undefined) => {
    const p = nameOrId === undefined ? undefined : findProfile(profiles, nameOrId);
    if (p && !candidates.includes(p)) candidates.push(p);
  };
  for (const role of roleValues) add(profileOfRole(role, mapping, profiles));
  for (const group of groupNames) add(lookup(mapping.groups, group));
  const rank = (p: ZuoraProfile): number => {
    const i = mapping.precedence.findIndex((x) => findProfile([p], x) !== undefined);
    return i === -1 ? mapping.precedence.length : i;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * Every Zuora user holds exactly one profile: the mapped one (see {@link mappedProfile}), else the default. This is
 * the rule at creation; later writes go through `decideProfile`, which leaves an existing profile alone unless its
 * inputs changed. Pure.
 */
export function resolveProfile(
  roleValues: readonly string[],
  groupNames: readonly string[],
  mapping: ZuoraProfileMapping,
  profiles: readonly ZuoraProfile[],
): ZuoraProfile | undefined {
  return mappedProfile(roleValues, groupNames, mapping, profiles) ?? findProfile(profiles, mapping.default);
}
