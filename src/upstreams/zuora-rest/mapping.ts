import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject, type MultiValue, type ScimUser } from '../../scim/resource.js';
import type { ZuoraUser, ZuoraUserFields, ZuoraUserUpdate } from './zuora-user.js';

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

/** The role values the IdP sent: entries of the profile read-back type are what the bridge showed, not requests. */
export const requestedRoles = (u: ScimUser): string[] =>
  (u.roles ?? []).filter((r) => r.type !== PROFILE_ROLE_TYPE && typeof r.value === 'string').map((r) => r.value as string);

/**
 * The fill rule for the first and last names Zuora requires, applied at creation only (a later write without names
 * keeps the names Zuora holds): `name.givenName` and `name.familyName` as sent; a missing one comes from
 * `name.formatted`, else `displayName` (the last word is the last name, the words before it the first name), else
 * from the userName's local part (after a `DOMAIN\` prefix, before `@`), used for both.
 */
export function filledNames(u: ScimUser): { firstName: string; lastName: string } {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  if (given && family) return { firstName: given, lastName: family };
  const login = u.userName.slice(u.userName.lastIndexOf('\\') + 1).split('@')[0] || u.userName;
  const whole = (nonEmpty(u.name?.formatted) ?? nonEmpty(u.displayName) ?? login).trim();
  const parts = whole.split(/\s+/);
  const first = given ?? (parts.length > 1 ? parts.slice(0, -1).join(' ') : whole);
  const last = family ?? (parts.length > 1 ? (parts[parts.length - 1] as string) : whole);
  return { firstName: first, lastName: last };
}

/** The address Zuora's one email stands for in this SCIM user (no fallback). */
export const emailAddressOf = (u: ScimUser): string | undefined => {
  const value = emailRepresentative(u.emails)?.value;
  return typeof value === 'string' && ADDRESS.test(value) ? value : undefined;
};

/** The optional Zuora fields this SCIM user stands for (`undefined`: unassigned). */
function optionalFields(u: ScimUser): Pick<ZuoraUserFields, OptionalField> {
  return {
    phoneNumber: nonEmpty(representative(u.phoneNumbers)?.value),
    title: nonEmpty(u.title),
    department: nonEmpty(enterprise(u)?.department),
    locale: nonEmpty(u.locale),
    timezone: nonEmpty(u.timezone),
  };
}

/** Zuora fields the bridge maps that Zuora lets a client clear (`null` in a PUT clears one). */
const OPTIONAL_FIELDS = ['phoneNumber', 'title', 'department', 'locale', 'timezone'] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * The POST body for a new user: every field Zuora requires (names filled by the rule above; the email is the
 * caller's to check), the status only when Inactive (Zuora defaults to Active) and the optional fields that are set.
 */
export function creationFields(u: ScimUser, profileId: string): ZuoraUserFields {
  return defined({
    username: u.userName,
    email: emailAddressOf(u),
    ...filledNames(u),
    profileId,
    ...(u.active === false ? { status: 'Inactive' as const } : {}),
    ...optionalFields(u),
  });
}

/**
 * The Zuora fields a SCIM view shows: the user as the bridge last knew it (its stored view, whose Zuora-held
 * attributes were overlaid from Zuora's answers) or as just read. `profileId` comes from the caller, who knows the
 * catalogue. The baseline of a diffed write.
 */
export function fieldsShownBy(view: ScimUser, profileId: string | undefined): ZuoraUserFields {
  return defined({
    username: view.userName,
    email: emailAddressOf(view),
    firstName: nonEmpty(view.name?.givenName),
    lastName: nonEmpty(view.name?.familyName),
    profileId,
    status: view.active === false ? ('Inactive' as const) : ('Active' as const),
    ...optionalFields(view),
  });
}

/**
 * What a later write asks Zuora to hold: every mapped field, except that a name the write does not carry is left
 * out (Zuora keeps its own, see {@link filledNames}), an optional field the write leaves unassigned is `null` (clear
 * it), and the profile only when the ownership rule moves it. The caller makes sure `email` is present.
 */
export function writeTarget(u: ScimUser, email: string | undefined, profileId: string | undefined, status: 'Active' | 'Inactive'): ZuoraUserUpdate {
  const optional = optionalFields(u);
  return defined({
    username: u.userName,
    email,
    firstName: nonEmpty(u.name?.givenName),
    lastName: nonEmpty(u.name?.familyName),
    profileId,
    status,
    ...Object.fromEntries(OPTIONAL_FIELDS.map((k) => [k, optional[k] ?? null])),
  });
}

/** The fields of `target` that differ from what Zuora holds (`held`): what a partial PUT must send. */
export function changedFields(held: ZuoraUserFields, target: ZuoraUserUpdate): ZuoraUserUpdate {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(target) as [keyof ZuoraUserFields, string | null | undefined][]) {
    if (v === undefined) continue;
    const now = held[k];
    if (v === null ? now !== undefined && now !== '' : now !== v) out[k] = v;
  }
  return out as ZuoraUserUpdate;
}

/** `held` once Zuora has applied a partial PUT of `changes` (`null` clears). */
export function applyChanges(held: ZuoraUserFields, changes: ZuoraUserUpdate): ZuoraUserFields {
  const out: Record<string, string> = { ...(held as Record<string, string>) };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
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
  // Zuora's username is the IdP's userName as sent; when Zuora shows it in another case the IdP's spelling stays.
  const userName = up.userName.toLowerCase() === base.userName.toLowerCase() ? base.userName : up.userName;
  const out: ScimUser = { ...base, schemas: [...new Set([...(base.schemas ?? [USER_SCHEMA]), ...up.schemas])], userName, active: up.active };
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
  // The profile is the primary role; a requested role sent as primary gives way, the others read back as sent.
  const roles = [...requested.map((r) => (r.primary === true ? { ...r, primary: false } : r)), ...(up.roles ?? [])];
  if (roles.length > 0) out.roles = roles;
  else delete out.roles;
  return out;
}
