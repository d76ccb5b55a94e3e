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

/**
 * Every Zuora user holds exactly one profile. It comes from the SCIM roles the IdP sent and the user's group
 * memberships, through the tenant's mapping: candidates from roles (a role may also name a profile directly) and
 * from groups; the strongest by `precedence` wins (unlisted ones rank after listed ones, in the order found); with
 * no candidate, the default profile. Pure.
 */
export function resolveProfile(
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
  for (const role of roleValues) add(lookup(mapping.roles, role) ?? (findProfile(profiles, role) ? role : undefined));
  for (const group of groupNames) add(lookup(mapping.groups, group));
  if (candidates.length === 0) return findProfile(profiles, mapping.default);
  const rank = (p: ZuoraProfile): number => {
    const i = mapping.precedence.findIndex((x) => findProfile([p], x) !== undefined);
    return i === -1 ? mapping.precedence.length : i;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}
