import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject, type MultiValue, type ScimUser } from '../../scim/resource.js';
import type { ZuoraUser, ZuoraUserFields } from './zuora-user.js';

/**
 * Pure SCIM ⇄ Zuora user mapping (seed 000's data model). Zuora holds one email, one phone number, first and last
 * name, title, department, locale, timezone, status and one profile; everything else the IdP sends stays in the
 * bridge's store and is overlaid by `mergeIntoScim`.
 */

/** The `roles` entry that shows a user's Zuora profile. Input entries of this type are read-back, not requests. */
export const PROFILE_ROLE_TYPE = 'zuora-profile';

/** The element of a multi-valued attribute Zuora's single field stands for: primary, else work, else first. */
export function representative(values: MultiValue[] | undefined, usable: (v: MultiValue) => boolean = () => true): MultiValue | undefined {
  if (!values || values.length === 0) return undefined;
  const ranked = [...values.filter((v) => v.primary === true), ...values.filter((v) => v.primary !== true && v.type === 'work'), ...values];
  return ranked.find(usable) ?? ranked[0];
}

const ADDRESS = /^[^@\s]+@[^@\s]+$/;

/**
 * Zuora's one email: the primary (else work, else first) email that is an address. An IdP may send a
 * placeholder in `emails` (Microsoft's collection sends `emailName357` as the primary); the next real address
 * stands in for it upstream while the store keeps every email as sent.
 */
export const emailRepresentative = (emails: MultiValue[] | undefined): MultiValue | undefined =>
  representative(emails, (v) => typeof v.value === 'string' && ADDRESS.test(v.value));

const enterprise = (u: ScimUser): JsonObject | undefined => {
  const ext = u[ENTERPRISE_USER_SCHEMA];
  return isJsonObject(ext) ? ext : undefined;
};

const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s : undefined);

/** Zuora requires first and last names; fall back to the formatted or display name, then to the userName. */
function names(u: ScimUser): { firstName: string; lastName: string } {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  if (given && family) return { firstName: given, lastName: family };
  const whole = nonEmpty(u.name?.formatted) ?? nonEmpty(u.displayName) ?? u.userName.split('@')[0] ?? u.userName;
  const parts = whole.trim().split(/\s+/);
  const first = given ?? (parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0]) ?? whole;
  const last = family ?? (parts.length > 1 ? parts[parts.length - 1] : whole) ?? whole;
  return { firstName: first, lastName: last };
}

/** The email Zuora gets: the representative email, or the userName when it is an address. */
export function emailOf(u: ScimUser): string | undefined {
  return nonEmpty(emailRepresentative(u.emails)?.value) ?? (u.userName.includes('@') ? u.userName : undefined);
}

/** Every writable Zuora field for this SCIM user (optional ones as `''` when unassigned, so a PUT clears them). */
export function toZuoraFields(u: ScimUser, profileId: string): ZuoraUserFields {
  return {
    username: u.userName,
    email: emailOf(u) ?? '',
    ...names(u),
    profileId,
    status: u.active === false ? 'Inactive' : 'Active',
    phoneNumber: nonEmpty(representative(u.phoneNumbers)?.value) ?? '',
    title: nonEmpty(u.title) ?? '',
    department: nonEmpty(enterprise(u)?.department) ?? '',
    locale: nonEmpty(u.locale) ?? '',
    timezone: nonEmpty(u.timezone) ?? '',
  };
}

/** The fields of `next` that differ from `current`: what a partial PUT must send. */
export function changedFields(current: ZuoraUserFields, next: ZuoraUserFields): ZuoraUserFields {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(next) as [keyof ZuoraUserFields, string | undefined][]) {
    if (v !== undefined && (current[k] ?? '') !== v) out[k] = v;
  }
  return out as ZuoraUserFields;
}

/** What Zuora holds of a user, as SCIM attributes (the profile as a `roles` entry when its name is known). */
export function fromZuora(z: ZuoraUser, profileName: string | undefined): ScimUser {
  const user: ScimUser = { schemas: [USER_SCHEMA], userName: z.username, active: z.status !== 'Inactive' };
  if (z.firstName || z.lastName) user.name = { ...(z.firstName ? { givenName: z.firstName } : {}), ...(z.lastName ? { familyName: z.lastName } : {}) };
  if (z.email) user.emails = [{ value: z.email, type: 'work', primary: true }];
  if (z.phoneNumber) user.phoneNumbers = [{ value: z.phoneNumber, type: 'work', primary: true }];
  if (z.title) user.title = z.title;
  if (z.locale) user.locale = z.locale;
  if (z.timezone) user.timezone = z.timezone;
  if (z.department) {
    user.schemas.push(ENTERPRISE_USER_SCHEMA);
    user[ENTERPRISE_USER_SCHEMA] = { department: z.department };
  }
  if (z.profileId) user.roles = [{ value: profileName ?? z.profileId, display: profileName ?? z.profileId, type: PROFILE_ROLE_TYPE, primary: true }];
  return user;
}

/** Put `value` in the element Zuora's field stands for, or add one when there is none. */
function overlaySingle(
  values: MultiValue[] | undefined,
  value: string | undefined,
  pick: (values: MultiValue[] | undefined) => MultiValue | undefined,
): MultiValue[] | undefined {
  const rep = pick(values);
  if (value === undefined) {
    const rest = values?.filter((v) => v !== rep) ?? [];
    return rest.length > 0 ? rest : undefined;
  }
  if (!values || !rep) return [{ value, type: 'work', primary: true }];
  return values.map((v) => (v === rep ? { ...v, value } : v));
}

const setOrDelete = (obj: JsonObject, key: string, value: string | undefined): void => {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
};

/** Overlay what Zuora holds (`up`, from `fromZuora`) on the bridge's last SCIM view (`base`). */
export function mergeIntoScim(base: ScimUser | undefined, up: ScimUser): ScimUser {
  if (!base) return up;
  const out: ScimUser = { ...base, schemas: [...new Set([...(base.schemas ?? [USER_SCHEMA]), ...up.schemas])], userName: up.userName, active: up.active };
  out.name = { ...(base.name ?? {}), givenName: up.name?.givenName, familyName: up.name?.familyName };
  for (const k of ['givenName', 'familyName'] as const) if (out.name[k] === undefined) delete out.name[k];
  setOrDelete(out, 'title', nonEmpty(up.title));
  setOrDelete(out, 'locale', nonEmpty(up.locale));
  setOrDelete(out, 'timezone', nonEmpty(up.timezone));
  const emails = overlaySingle(base.emails, representative(up.emails)?.value, emailRepresentative);
  if (emails) out.emails = emails;
  else delete out.emails;
  const phones = overlaySingle(base.phoneNumbers, representative(up.phoneNumbers)?.value, (v) => representative(v));
  if (phones) out.phoneNumbers = phones;
  else delete out.phoneNumbers;
  const department = (up[ENTERPRISE_USER_SCHEMA] as JsonObject | undefined)?.department;
  const ext = { ...(isJsonObject(base[ENTERPRISE_USER_SCHEMA]) ? (base[ENTERPRISE_USER_SCHEMA] as JsonObject) : {}) };
  setOrDelete(ext, 'department', typeof department === 'string' ? department : undefined);
  if (Object.keys(ext).length > 0) out[ENTERPRISE_USER_SCHEMA] = ext;
  else {
    delete out[ENTERPRISE_USER_SCHEMA];
    out.schemas = out.schemas.filter((s) => s !== ENTERPRISE_USER_SCHEMA);
  }
  const requested = (base.roles ?? []).filter((r) => r.type !== PROFILE_ROLE_TYPE);
  const roles = [...requested.map((r) => ({ ...r, primary: false })), ...(up.roles ?? [])];
  if (roles.length > 0) out.roles = roles;
  else delete out.roles;
  return out;
}
