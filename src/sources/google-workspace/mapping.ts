import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type MultiValue, type ScimUser } from '../../scim/resource.js';
import type { SourceGroup, SourceUser } from '../identity-source.js';
import type { DirectoryGroup, DirectoryMember, DirectoryUser } from './directory-answers.js';

/**
 * Google Workspace users and groups in SCIM form (docs/sources/google-workspace.md §7). Pure: no I/O, no clock.
 */

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

/** A Google user as the core sees an IdP's: `primaryEmail` is the login, Google's immutable id the source id. */
export function toSourceUser(u: DirectoryUser): SourceUser {
  const user: ScimUser = { schemas: [USER_SCHEMA], userName: u.primaryEmail };
  const name: NonNullable<ScimUser['name']> = {};
  if (present(u.name?.givenName)) name.givenName = u.name.givenName;
  if (present(u.name?.familyName)) name.familyName = u.name.familyName;
  if (present(u.name?.fullName)) name.formatted = u.name.fullName;
  if (Object.keys(name).length > 0) user.name = name;
  if (present(u.name?.fullName)) user.displayName = u.name.fullName;
  // A suspended user cannot sign in, and an archived one is a former employee kept for retention (§7): neither is active.
  user.active = u.suspended !== true && u.archived !== true;
  user.emails = emailsOf(u);
  const phones = (u.phones ?? []).filter((p) => present(p.value)).map((p) => multiValue(p.value as string, p.type, p.primary));
  if (phones.length > 0) user.phoneNumbers = phones;
  const org = primaryOrganization(u);
  if (org) {
    const enterprise: Record<string, string> = {};
    if (present(org.title)) user.title = org.title;
    if (present(org.department)) enterprise.department = org.department;
    if (present(org.costCenter)) enterprise.costCenter = org.costCenter;
    if (Object.keys(enterprise).length > 0) {
      user.schemas.push(ENTERPRISE_USER_SCHEMA);
      user[ENTERPRISE_USER_SCHEMA] = enterprise;
    }
  }
  return { sourceId: u.id, user };
}

/** The primary email first (and marked so), then the others Google holds, each once. */
function emailsOf(u: DirectoryUser): MultiValue[] {
  const out: MultiValue[] = [{ value: u.primaryEmail, type: 'work', primary: true }];
  const seen = new Set([u.primaryEmail.toLowerCase()]);
  for (const e of u.emails ?? []) {
    if (!present(e.address) || seen.has(e.address.toLowerCase())) continue;
    seen.add(e.address.toLowerCase());
    out.push(multiValue(e.address, e.type));
  }
  return out;
}

/** Google's types are `work`, `home`, `mobile`, `other`, `custom`…: SCIM's canonical ones pass, the rest become `other`. */
const SCIM_TYPES = new Set(['work', 'home', 'mobile', 'other', 'fax', 'pager']);

function multiValue(value: string, type: string | undefined, primary?: boolean): MultiValue {
  const mv: MultiValue = { value, type: type !== undefined && SCIM_TYPES.has(type) ? type : 'other' };
  if (primary === true) mv.primary = true;
  return mv;
}

/** The organization marked primary, else the first: SCIM's enterprise extension holds one. */
const primaryOrganization = (u: DirectoryUser) => u.organizations?.find((o) => o.primary === true) ?? u.organizations?.[0];

/** A group with its user members, by Google user id; nested groups' own entries (type GROUP) and customers are left out. */
export function toSourceGroup(g: DirectoryGroup, members: readonly DirectoryMember[]): SourceGroup {
  const ids = new Set<string>();
  for (const m of members) if (m.type === 'USER' && present(m.id)) ids.add(m.id);
  return { sourceId: g.id, displayName: present(g.name) ? g.name : (g.email ?? g.id), memberSourceIds: [...ids] };
}
