import { USER_SCHEMA, type JsonObject, type MultiValue, type ScimUser } from '../../scim/resource.js';
import type { UpstreamUser } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { dropNulls, extensionOf, USER_EXTENSION, type OneIdRole, type OneIdUser } from './oneid-wire.js';
import { oneIdRoleFor, type RoleRules } from './role-rules.js';

/**
 * Pure SCIM ⇄ OneID user mapping (upstreams.md §A.4). OneID holds userName, externalId, name, displayName,
 * preferredLanguage, locale, active, one email, one role (ADMIN or USER) and its UserExtension; everything else the
 * IdP sends stays in the bridge's store and is overlaid by `mergeIntoScim`.
 */

/** The `roles` entry that shows the role OneID holds. Input entries of this type are read-back, not requests. */
export const ONEID_ROLE_TYPE = 'zuora-oneid';

/** What the tenant's config fills in for attributes OneID requires and IdPs do not send. */
export interface UserMappingRules extends RoleRules {
  organizationId: string;
  preferredLanguage: string;
  locale: string;
  externalIdSource: 'idp' | 'userName';
}

const ADDRESS = /^[^@\s]+@[^@\s]+$/;
const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s : undefined);
const isAddress = (v: MultiValue): boolean => typeof v.value === 'string' && ADDRESS.test(v.value);

/** The element of `emails` OneID's one email stands for: the primary address, else a work one, else the first. */
export function emailRepresentative(emails: MultiValue[] | undefined): MultiValue | undefined {
  const addresses = (emails ?? []).filter(isAddress);
  return addresses.find((v) => v.primary === true) ?? addresses.find((v) => v.type === 'work') ?? addresses[0];
}

/** The email OneID gets: the representative address, or the userName when it is an address. */
export function emailOf(u: ScimUser): string | undefined {
  return nonEmpty(emailRepresentative(u.emails)?.value) ?? (ADDRESS.test(u.userName) ? u.userName : undefined);
}

/** Role values the IdP asked for (the read-back entry is not a request). */
export const requestedRoles = (u: ScimUser): string[] =>
  (u.roles ?? []).filter((r) => r.type !== ONEID_ROLE_TYPE && typeof r.value === 'string').map((r) => r.value as string);

/** The role OneID holds, as the bridge's view of the user shows it. */
export function heldRole(u: ScimUser): OneIdRole | undefined {
  const shown = u.roles?.find((r) => r.type === ONEID_ROLE_TYPE)?.value;
  return shown === 'ADMIN' || shown === 'USER' ? shown : undefined;
}

/** `ssoEnabled` from the user's UserExtension, when it says. */
export function ssoEnabledOf(u: ScimUser | undefined): boolean | undefined {
  const value = u ? extensionOf(u, USER_EXTENSION)?.ssoEnabled : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/** OneID requires a name: the IdP's, else split from the formatted or display name, else the userName's local part. */
function nameOf(u: ScimUser): { givenName: string; familyName: string; formatted: string } {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  const whole = nonEmpty(u.name?.formatted) ?? nonEmpty(u.displayName) ?? u.userName.split('@')[0] ?? u.userName;
  const parts = whole.trim().split(/\s+/);
  const givenName = given ?? (parts.length > 1 ? parts.slice(0, -1).join(' ') : whole.trim());
  const familyName = family ?? (parts.length > 1 ? (parts[parts.length - 1] ?? whole) : whole.trim());
  return { givenName, familyName, formatted: nonEmpty(u.name?.formatted) ?? `${givenName} ${familyName}` };
}

/**
 * The whole OneID user for a SCIM user: what a POST or a full-overwrite PUT sends. Fills what OneID requires and IdPs
 * leave out (organizationId, preferredLanguage, locale, roles, externalId, name, active). `role` overrides the rules
 * (the role OneID is known to hold); `ssoEnabled` is kept when the IdP does not say. Throws `invalid` without an email.
 */
export function toOneIdUser(
  u: ScimUser,
  groupNames: readonly string[],
  rules: UserMappingRules,
  options: { role?: OneIdRole; ssoEnabled?: boolean } = {},
): OneIdUser {
  const email = emailOf(u);
  if (email === undefined) {
    throw new UpstreamError('invalid', 'zuora-oneid', 'Zuora OneID requires an email: send emails or an email-shaped userName');
  }
  const name = nameOf(u);
  const ssoEnabled = ssoEnabledOf(u) ?? options.ssoEnabled;
  const extension: JsonObject = { organizationId: rules.organizationId };
  if (ssoEnabled !== undefined) extension.ssoEnabled = ssoEnabled;
  return {
    schemas: [USER_EXTENSION, USER_SCHEMA],
    userName: u.userName,
    externalId: rules.externalIdSource === 'idp' ? (nonEmpty(u.externalId) ?? u.userName) : u.userName,
    name,
    displayName: nonEmpty(u.displayName) ?? name.formatted,
    preferredLanguage: nonEmpty(u.preferredLanguage) ?? rules.preferredLanguage,
    locale: nonEmpty(u.locale) ?? rules.locale,
    active: u.active !== false,
    emails: [{ value: email, type: 'work', primary: true }],
    roles: [{ value: options.role ?? oneIdRoleFor(requestedRoles(u), groupNames, rules) }],
    [USER_EXTENSION]: extension,
  };
}

/** The non-empty string values of `keys` in `source`. */
function texts<K extends string>(source: Partial<Record<K, unknown>> | null | undefined, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const value = nonEmpty(source?.[k]);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

const EXTENSION_KEYS = ['organizationId', 'status', 'ssoEnabled', 'region'] as const;

/** What OneID holds of a user, as SCIM attributes. Its `groups` and `externalId` are left out: the core owns both. */
export function fromOneIdUser(raw: OneIdUser): UpstreamUser {
  const body = dropNulls(raw);
  if (typeof body.id !== 'string' || body.id === '') throw new UpstreamError('unavailable', 'zuora-oneid', 'OneID answered a user without an id');
  const user: ScimUser = { schemas: [USER_SCHEMA, USER_EXTENSION], userName: body.userName, active: body.active !== false };
  const name = texts(body.name, ['formatted', 'familyName', 'givenName']);
  if (Object.keys(name).length > 0) user.name = name;
  Object.assign(user, texts(body, ['displayName', 'preferredLanguage', 'locale']));
  const email = body.emails?.map((e) => nonEmpty(e.value)).find((v) => v !== undefined);
  if (email) user.emails = [{ value: email, type: 'work', primary: true }];
  const roles = (body.roles ?? []).flatMap((r) => (nonEmpty(r.value) ? [r.value as string] : []));
  if (roles.length > 0) user.roles = roles.map((value, i) => ({ value, display: value, type: ONEID_ROLE_TYPE, primary: i === 0 }));
  const ext = extensionOf(body, USER_EXTENSION) ?? {};
  user[USER_EXTENSION] = Object.fromEntries(EXTENSION_KEYS.flatMap((k) => (ext[k] === undefined ? [] : [[k, ext[k]]])));
  return { upstreamId: body.id, user };
}
