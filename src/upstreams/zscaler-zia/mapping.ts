import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject, type ScimUser } from '../../scim/resource.js';
import type { UpstreamState } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { loginOf, loginRequirement, sameLogin, type LoginRule } from './login-rule.js';
import type { ZiaRef, ZiaUser, ZiaUserWrite } from './zia-user.js';

/**
 * Pure SCIM ⇄ ZIA user mapping (ZIA API guide, User Management): the login rule → `email`; displayName or name →
 * `name`; the enterprise department → the ZIA department of that name; the user's group names → the ZIA groups of
 * those names (or as linked by configuration). What an update may change is decided in `asked-changes.ts`.
 */

const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined);

/** The name the IdP sent for ZIA's one `name`: displayName, else formatted, else given and family; none if none. */
export function sentNameOf(u: ScimUser): string | undefined {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  return nonEmpty(u.displayName) ?? nonEmpty(u.name?.formatted) ?? ([given, family].filter(Boolean).join(' ') || undefined);
}

/** ZIA requires a name: the one sent, else (the fill, at creation only) the userName. */
export const ziaNameOf = (u: ScimUser): string => sentNameOf(u) ?? u.userName;

/** The enterprise extension's department (RFC 7643 §4.3), if sent. */
export const departmentNameOf = (u: ScimUser): string | undefined => {
  const ext = u[ENTERPRISE_USER_SCHEMA];
  return isJsonObject(ext) ? nonEmpty(ext.department) : undefined;
};

export const sameName = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export const byName = (refs: readonly ZiaRef[], name: string): ZiaRef | undefined => refs.find((r) => sameName(r.name, name));

export interface ZiaDirectory {
  departments: readonly ZiaRef[];
  groups: readonly ZiaRef[];
}

export interface ZiaMappingRules {
  defaultDepartment?: string;
  groupLinks: Record<string, string>;
  /** Deactivation by group: the ZIA group that marks a user inactive. */
  disabledGroup?: string;
  /** Written on users the bridge creates, and only then. */
  comments: string;
  login: LoginRule;
}

/** The ZIA department of this name; a clear `invalid` error naming it when ZIA has none. */
export function departmentNamed(name: string, dir: ZiaDirectory): ZiaRef {
  const found = byName(dir.departments, name);
  if (!found) throw new UpstreamError('invalid', 'zscaler-zia', `ZIA has no department named "${name}" (${ENTERPRISE_USER_SCHEMA}:department)`);
  return { id: found.id, name: found.name };
}

/** The ZIA group name a SCIM group name stands for: its `groupLinks` target, else the same name. */
export const mappedGroupName = (scimName: string, rules: Pick<ZiaMappingRules, 'groupLinks'>): string => rules.groupLinks[scimName] ?? scimName;

/** ZIA groups of these names; names without a ZIA group are left out (legacy ZIA cannot create groups). */
export function groupsNamed(names: readonly string[], dir: ZiaDirectory): ZiaRef[] {
  const refs: ZiaRef[] = [];
  for (const n of names) {
    const g = byName(dir.groups, n);
    if (g && !refs.some((r) => r.id === g.id)) refs.push({ id: g.id, name: g.name });
  }
  return refs;
}

/** ZIA's login for a user, or a clear `invalid` error naming what the IdP must send. */
export function requiredLogin(u: ScimUser, rules: Pick<ZiaMappingRules, 'login'>): string {
  const login = loginOf(u, rules.login);
  if (login.value === undefined)
    throw new UpstreamError('invalid', 'zscaler-zia', `${login.carrier}: ZIA's login is an email address: send ${loginRequirement(rules.login)}`);
  return login.value;
}

/** The department and group names a new user needs ZIA to have. */
export function creationNeeds(u: ScimUser, groupNames: readonly string[], rules: ZiaMappingRules): { departments: string[]; groups: string[] } {
  const department = departmentNameOf(u) ?? rules.defaultDepartment;
  const groups = groupNames.map((n) => mappedGroupName(n, rules));
  if (u.active === false && rules.disabledGroup) groups.push(rules.disabledGroup);
  return { departments: department ? [department] : [], groups };
}

/**
 * A new ZIA user: the login by rule, the name sent (else the userName), the department sent (else
 * `defaultDepartment`), the ZIA groups of its groups (and the disabled group when created inactive), the configured
 * `comments`. Defaults and fills apply here only, never to a user that exists.
 */
export function newZiaUser(u: ScimUser, groupNames: readonly string[], dir: ZiaDirectory, rules: ZiaMappingRules): ZiaUserWrite {
  const email = requiredLogin(u, rules);
  const department = departmentNameOf(u) ?? rules.defaultDepartment;
  if (!department)
    throw new UpstreamError(
      'invalid',
      'zscaler-zia',
      `${ENTERPRISE_USER_SCHEMA}:department: ZIA requires a department: send one, or configure defaultDepartment`,
    );
  const groups = creationNeeds(u, groupNames, rules).groups;
  return { name: ziaNameOf(u), email, department: departmentNamed(department, dir), groups: groupsNamed(groups, dir), comments: rules.comments };
}

/** What an operator needs to see of a ZIA user: its department and groups (names, sorted). */
export function stateOf(z: Pick<ZiaUser, 'department' | 'groups'>): UpstreamState {
  return { department: z.department?.name ?? null, groups: (z.groups ?? []).map((g) => g.name).sort() };
}

/** ZIA keeps one `name`: read back as given and family name when it has both (the last word as the family name). */
const namePartsOf = (whole: string): ScimUser['name'] | undefined => {
  const parts = whole.trim().split(/\s+/);
  const family = parts.pop();
  return parts.length > 0 && family ? { givenName: parts.join(' '), familyName: family } : undefined;
};

/** What ZIA holds of a user, as SCIM attributes: the login is both the userName and the one (work) email. */
export function fromZia(z: ZiaUser, rules: Pick<ZiaMappingRules, 'disabledGroup'>): ScimUser {
  const disabled = rules.disabledGroup !== undefined && (z.groups ?? []).some((g) => sameName(g.name, rules.disabledGroup));
  const name = namePartsOf(z.name);
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName: z.email,
    displayName: z.name,
    ...(name ? { name } : {}),
    active: !disabled,
    emails: [{ value: z.email, type: 'work', primary: true }],
    [ENTERPRISE_USER_SCHEMA]: z.department?.name ? { department: z.department.name } : {},
  };
}

/**
 * Overlay what ZIA holds on the bridge's last SCIM view. When ZIA's login is the one the rule makes from the view
 * (whatever its case), the view's userName and emails stay exactly as the IdP sent them: ZIA holds only the login,
 * and emails that do not carry it live in the bridge. Otherwise (a user made outside the bridge, or a login that no
 * longer follows from the view) ZIA's login is shown, and the view's emails follow it as secondary ones.
 */
export function mergeIntoScim(base: ScimUser | undefined, up: ScimUser, rules: Pick<ZiaMappingRules, 'login'>): ScimUser {
  if (!base) return up;
  const ours = sameLogin(loginOf(base, rules.login).value, loginOf(up, rules.login).value);
  const email = up.emails?.[0]?.value;
  const emails =
    ours || base.emails?.some((e) => sameName(e.value, email))
      ? base.emails
      : [...(up.emails ?? []), ...(base.emails ?? []).map((e) => ({ ...e, primary: false }))];
  const baseExt = isJsonObject(base[ENTERPRISE_USER_SCHEMA]) ? (base[ENTERPRISE_USER_SCHEMA] as JsonObject) : {};
  const upDepartment = isJsonObject(up[ENTERPRISE_USER_SCHEMA]) ? nonEmpty(up[ENTERPRISE_USER_SCHEMA].department) : undefined;
  // The department as the IdP spelt it when ZIA holds that one (ZIA finds departments by name, whatever the case).
  const department = upDepartment === undefined || sameName(departmentNameOf(base), upDepartment) ? baseExt.department : upDepartment;
  const ext: JsonObject = { ...baseExt, ...(department !== undefined ? { department } : {}) };
  const merged: ScimUser = {
    ...base,
    schemas: [...new Set([...(base.schemas ?? [USER_SCHEMA]), ENTERPRISE_USER_SCHEMA])],
    userName: ours || sameName(base.userName, up.userName) ? base.userName : up.userName,
    active: up.active,
    [ENTERPRISE_USER_SCHEMA]: ext,
  };
  if (emails) merged.emails = emails;
  else delete merged.emails;
  // ZIA's name is derived from the name parts when no displayName was sent: adding it to the view would make it win
  // over a later change of those parts. Only a name ZIA holds differently from the one sent becomes the displayName.
  // When the IdP sends no name at all, ZIA keeps the one it has (a fill, or an administrator's) and the view shows
  // what the IdP wrote: no name.
  const sent = sentNameOf(base);
  if (up.displayName !== undefined && (base.displayName !== undefined || (sent !== undefined && up.displayName !== sent))) merged.displayName = up.displayName;
  return merged;
}
