import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject, type ScimUser } from '../../scim/resource.js';
import { UpstreamError } from '../upstream-error.js';
import type { ZiaRef, ZiaUser, ZiaUserWrite } from './zia-user.js';

/**
 * Pure SCIM ⇄ ZIA user mapping (upstreams.md §C.4, seed 004): userName and emails → `email`; displayName or name →
 * `name`; the enterprise department → the ZIA department of that name; the user's group names → the ZIA groups of
 * those names (or as linked by configuration).
 */

const ADDRESS = /^[^@\s]+@[^@\s]+$/;
const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined);

/** ZIA's login is an email: the userName when it is one, else the primary (then work, then first) address. */
export function ziaEmailOf(u: ScimUser): string | undefined {
  if (ADDRESS.test(u.userName)) return u.userName;
  const emails = u.emails ?? [];
  const ranked = [...emails.filter((e) => e.primary === true), ...emails.filter((e) => e.type === 'work'), ...emails];
  return ranked.map((e) => e.value).find((v): v is string => typeof v === 'string' && ADDRESS.test(v));
}

export function ziaNameOf(u: ScimUser): string {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  return nonEmpty(u.displayName) ?? nonEmpty(u.name?.formatted) ?? ([given, family].filter(Boolean).join(' ') || u.userName);
}

/** The enterprise extension's department (RFC 7643 §4.3), if sent. */
export const departmentNameOf = (u: ScimUser): string | undefined => {
  const ext = u[ENTERPRISE_USER_SCHEMA];
  return isJsonObject(ext) ? nonEmpty(ext.department) : undefined;
};

const byName = (refs: readonly ZiaRef[], name: string): ZiaRef | undefined => {
  const lower = name.toLowerCase();
  return refs.find((r) => r.name.toLowerCase() === lower);
};

export interface ZiaDirectory {
  departments: readonly ZiaRef[];
  groups: readonly ZiaRef[];
}

export interface ZiaMappingRules {
  defaultDepartment?: string;
  groupLinks: Record<string, string>;
  /** Deactivation by group: the ZIA group that marks a user inactive. */
  disabledGroup?: string;
  comments: string;
}

/** The ZIA department for a user; a clear `invalid` error naming it when ZIA has none of that name. */
export function departmentFor(u: ScimUser, dir: ZiaDirectory, rules: ZiaMappingRules): ZiaRef {
  const wanted = departmentNameOf(u) ?? rules.defaultDepartment;
  if (!wanted) throw new UpstreamError('invalid', 'zscaler-zia', 'ZIA requires a department: send the enterprise department, or configure defaultDepartment');
  const found = byName(dir.departments, wanted);
  if (!found) throw new UpstreamError('invalid', 'zscaler-zia', `ZIA has no department named "${wanted}"`);
  return { id: found.id, name: found.name };
}

const groupNamesWanted = (groupNames: readonly string[], active: boolean, rules: ZiaMappingRules): string[] => {
  const names = groupNames.map((n) => rules.groupLinks[n] ?? n);
  if (!active && rules.disabledGroup) names.push(rules.disabledGroup);
  return names;
};

/** The department and group names a write refers to, so the directory can be read again when ZIA lacks one. */
export function directoryNeeds(u: ScimUser, groupNames: readonly string[], rules: ZiaMappingRules): { departments: string[]; groups: string[] } {
  const department = departmentNameOf(u) ?? rules.defaultDepartment;
  return { departments: department ? [department] : [], groups: groupNamesWanted(groupNames, u.active !== false, rules) };
}

/** ZIA groups for the user's group names; names without a ZIA group are left out (legacy ZIA cannot create them). */
export function groupsFor(groupNames: readonly string[], active: boolean, dir: ZiaDirectory, rules: ZiaMappingRules): ZiaRef[] {
  const refs: ZiaRef[] = [];
  for (const n of groupNamesWanted(groupNames, active, rules)) {
    const g = byName(dir.groups, n);
    if (g && !refs.some((r) => r.id === g.id)) refs.push({ id: g.id, name: g.name });
  }
  return refs;
}

/**
 * The whole ZIA user to write. PUT replaces everything (§C.4: "always send a GET request before the PUT"), so fields
 * the bridge does not manage are carried over from `current`, the user as just read.
 */
export function toZiaUser(u: ScimUser, groupNames: readonly string[], dir: ZiaDirectory, rules: ZiaMappingRules, current?: ZiaUser): ZiaUserWrite {
  const email = ziaEmailOf(u);
  if (!email) throw new UpstreamError('invalid', 'zscaler-zia', 'ZIA needs an email: send an email-shaped userName or an email address');
  const { id: _id, ...kept } = current ?? ({} as Partial<ZiaUser>);
  return {
    ...kept,
    name: ziaNameOf(u),
    email,
    department: departmentFor(u, dir, rules),
    groups: groupsFor(groupNames, u.active !== false, dir, rules),
    comments: current?.comments ?? rules.comments,
  };
}

/** Whether writing `target` would change anything ZIA holds of `held`: name, email, department, groups. */
export function changesInZia(target: ZiaUserWrite, held: ZiaUser): boolean {
  const ids = (refs: readonly ZiaRef[]) => refs.map((r) => r.id).sort((a, b) => a - b).join(',');
  return (
    target.name !== held.name ||
    target.email.toLowerCase() !== held.email.toLowerCase() ||
    target.department.id !== held.department?.id ||
    ids(target.groups) !== ids(held.groups ?? [])
  );
}

/** ZIA keeps one `name`: read back as given and family name when it has both (the last word as the family name). */
const namePartsOf = (whole: string): ScimUser['name'] | undefined => {
  const parts = whole.trim().split(/\s+/);
  const family = parts.pop();
  return parts.length > 0 && family ? { givenName: parts.join(' '), familyName: family } : undefined;
};

/** What ZIA holds of a user, as SCIM attributes. */
export function fromZia(z: ZiaUser, rules: Pick<ZiaMappingRules, 'disabledGroup'>): ScimUser {
  const disabled = rules.disabledGroup !== undefined && (z.groups ?? []).some((g) => g.name.toLowerCase() === rules.disabledGroup?.toLowerCase());
  const name = namePartsOf(z.name);
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName: z.email,
    displayName: z.name,
    ...(name ? { name } : {}),
    active: !disabled,
    emails: [{ value: z.email, type: 'work', primary: true }],
    [ENTERPRISE_USER_SCHEMA]: { department: z.department?.name ?? '' },
  };
}

/** Overlay what ZIA holds on the bridge's last SCIM view; the rest (name parts, other emails, roles…) stays. */
export function mergeIntoScim(base: ScimUser | undefined, up: ScimUser): ScimUser {
  if (!base) return up;
  const email = up.emails?.[0]?.value;
  const emails = base.emails?.some((e) => e.value?.toLowerCase() === email?.toLowerCase())
    ? base.emails
    : [...(up.emails ?? []), ...(base.emails ?? []).map((e) => ({ ...e, primary: false }))];
  const ext: JsonObject = { ...(isJsonObject(base[ENTERPRISE_USER_SCHEMA]) ? (base[ENTERPRISE_USER_SCHEMA] as JsonObject) : {}), ...(up[ENTERPRISE_USER_SCHEMA] as JsonObject) };
  const merged: ScimUser = {
    ...base,
    schemas: [...new Set([...(base.schemas ?? [USER_SCHEMA]), ENTERPRISE_USER_SCHEMA])],
    userName: base.userName.toLowerCase() === up.userName.toLowerCase() ? base.userName : up.userName,
    active: up.active,
    ...(emails ? { emails } : {}),
    [ENTERPRISE_USER_SCHEMA]: ext,
  };
  // ZIA's name is derived from the name parts when no displayName was sent: adding it to the view would make it win
  // over a later change of those parts. Only a name ZIA holds differently becomes the displayName.
  if (up.displayName !== undefined && (base.displayName !== undefined || up.displayName !== ziaNameOf(base))) merged.displayName = up.displayName;
  return merged;
}
