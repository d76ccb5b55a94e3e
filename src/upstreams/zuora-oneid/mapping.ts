import { USER_SCHEMA, type JsonObject, type MultiValue, type ScimUser } from '../../scim/resource.js';
import type { UpstreamState, UpstreamUser } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { dropNulls, extensionOf, USER_EXTENSION, type OneIdRole, type OneIdUser } from './oneid-wire.js';
import { roleInputs, roleToWrite, type RoleRules } from './role-rules.js';

/**
 * Pure SCIM ⇄ OneID user mapping (docs/upstreams/zuora-oneid.md §4). OneID holds userName, externalId, name, displayName,
 * preferredLanguage, locale, active, one email, one role (ADMIN or USER) and its UserExtension; everything else the
 * IdP sends stays in the bridge's store and is overlaid by `mergeIntoScim`. A create sends a whole user, filling what
 * OneID requires and the IdP left out (`toOneIdUser`); later writes change only what the IdP changed (user-changes.ts).
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
export const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() !== '' ? s : undefined);
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

/** The inputs of the role rules for a user in these groups (see `roleInputs`). */
export const roleInputsOf = (u: ScimUser, groupNames: readonly string[], rules: RoleRules): string[] => roleInputs(requestedRoles(u), groupNames, rules);

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

/** OneID's federated id (the SSO login) for a user: the IdP's externalId, else the userName; or always the userName. */
export const externalIdOf = (u: ScimUser, rules: Pick<UserMappingRules, 'externalIdSource'>): string =>
  rules.externalIdSource === 'idp' ? (nonEmpty(u.externalId) ?? u.userName) : u.userName;

/**
 * The name a create sends. OneID requires one; IdPs may send none. The fill rule, at creation only: the IdP's given
 * and family names; a missing one is split from the formatted name, else the displayName, else the userName's local
 * part ("Grace Brewster Hopper" → "Grace Brewster" / "Hopper"; a single word fills both). `formatted` is the IdP's,
 * else "given family". Later writes never fill: a write without a name keeps the one OneID holds.
 */
export function filledName(u: ScimUser): { givenName: string; familyName: string; formatted: string } {
  const given = nonEmpty(u.name?.givenName);
  const family = nonEmpty(u.name?.familyName);
  const whole = nonEmpty(u.name?.formatted) ?? nonEmpty(u.displayName) ?? u.userName.split('@')[0] ?? u.userName;
  const parts = whole.trim().split(/\s+/);
  const givenName = given ?? (parts.length > 1 ? parts.slice(0, -1).join(' ') : whole.trim());
  const familyName = family ?? (parts.length > 1 ? (parts[parts.length - 1] ?? whole) : whole.trim());
  return { givenName, familyName, formatted: nonEmpty(u.name?.formatted) ?? `${givenName} ${familyName}` };
}

const noEmail = (): UpstreamError =>
  new UpstreamError('invalid', 'zuora-oneid', 'emails: Zuora OneID requires an email address; send one in emails, or a userName that is an address');

/** The email OneID gets, or a 400 naming `emails` when there is none. */
export function requiredEmailOf(u: ScimUser): string {
  const email = emailOf(u);
  if (email === undefined) throw noEmail();
  return email;
}

/**
 * The whole OneID user a create (POST) sends. Fills what OneID requires and IdPs leave out: organizationId,
 * preferredLanguage and locale (config), the role (the rules' answer, else `USER`), the externalId, the name
 * (`filledName`), displayName (the formatted name) and active (true). `ssoEnabled` is sent only when the IdP says;
 * OneID's default applies otherwise. Throws `invalid` (400 naming `emails`) without an email.
 */
export function toOneIdUser(u: ScimUser, groupNames: readonly string[], rules: UserMappingRules): OneIdUser {
  const email = requiredEmailOf(u);
  const name = filledName(u);
  const ssoEnabled = ssoEnabledOf(u);
  const extension: JsonObject = { organizationId: rules.organizationId };
  if (ssoEnabled !== undefined) extension.ssoEnabled = ssoEnabled;
  return {
    schemas: [USER_EXTENSION, USER_SCHEMA],
    userName: u.userName,
    externalId: externalIdOf(u, rules),
    name,
    displayName: nonEmpty(u.displayName) ?? name.formatted,
    preferredLanguage: nonEmpty(u.preferredLanguage) ?? rules.preferredLanguage,
    locale: nonEmpty(u.locale) ?? rules.locale,
    active: u.active !== false,
    emails: [{ value: email, type: 'work', primary: true }],
    roles: [{ value: roleToWrite(roleInputsOf(u, groupNames, rules), undefined) ?? 'USER' }],
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

/**
 * What OneID holds of a user, as SCIM attributes, with its `state`. Its `groups` and `externalId` are left out: the
 * core owns both. The role shows as a `roles` entry of type `zuora-oneid` (not primary, so the IdP's own roles keep
 * theirs); entries of that type are never read as requests.
 */
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
  if (roles.length > 0) user.roles = roles.map((value) => ({ value, display: value, type: ONEID_ROLE_TYPE }));
  const ext = extensionOf(body, USER_EXTENSION) ?? {};
  user[USER_EXTENSION] = Object.fromEntries(EXTENSION_KEYS.flatMap((k) => (ext[k] === undefined ? [] : [[k, ext[k]]])));
  return { upstreamId: body.id, user, state: stateOf(user) };
}

/**
 * What an operator needs to know of a OneID user (audit log, drift reports): its role, whether it is active, and
 * OneID's account status (`PENDING_ACTIVATION` tells a user who never activated from one who was deactivated).
 */
export function stateOf(user: ScimUser): UpstreamState {
  const status = extensionOf(user, USER_EXTENSION)?.status;
  return { role: heldRole(user) ?? null, active: user.active !== false, ...(typeof status === 'string' ? { status } : {}) };
}
