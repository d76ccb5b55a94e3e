import { stableStringify } from '../../scim/etag.js';
import { isJsonObject, type JsonObject, type JsonValue, type ScimUser } from '../../scim/resource.js';
import type { UserWrite } from '../upstream.js';
import { UpstreamError } from '../upstream-error.js';
import { emailOf, externalIdOf, nonEmpty, roleInputsOf, ssoEnabledOf, type UserMappingRules } from './mapping.js';
import { dropNulls, extensionOf, USER_EXTENSION, type OneIdRole, type OneIdUser } from './oneid-wire.js';
import { roleToWrite } from './role-rules.js';

/*
 * What a write after the create asks of a OneID user, and how that is put on OneID's record. OneID's PUT
 * overwrites the whole user ("overwriting all values … even if an attribute is empty or not provided",
 * updateASpecificUser), so the bridge sends OneID's own record back with only the changed fields replaced: every
 * field it does not map (groups, status, region, anything OneID adds later) and every field the write leaves alone
 * (a role or locale set in OneID's console) goes back as OneID holds it.
 */

type NameKey = 'givenName' | 'familyName' | 'formatted';

/**
 * The fields a write sets; a key left out keeps OneID's value. In `name`, `null` clears a part; without `formatted`,
 * OneID's is kept unless the given or family name changes, when OneID derives it anew.
 */
export interface OneIdChanges {
  userName?: string;
  externalId?: string;
  name?: Partial<Record<NameKey, string | null>>;
  displayName?: string;
  preferredLanguage?: string;
  locale?: string;
  active?: boolean;
  email?: string;
  role?: OneIdRole;
  ssoEnabled?: boolean;
}

type ScalarKey = Exclude<keyof OneIdChanges, 'name' | 'role' | 'externalId'>;

/** The OneID values an IdP's view of a user asks for; `undefined` where the view has none (OneID's stays). */
function scalarsOf(u: ScimUser): { [K in ScalarKey]: OneIdChanges[K] } {
  return {
    userName: u.userName,
    displayName: nonEmpty(u.displayName),
    preferredLanguage: nonEmpty(u.preferredLanguage),
    locale: nonEmpty(u.locale),
    active: typeof u.active === 'boolean' ? u.active : undefined,
    // No emails at all is a PUT that does not manage them (PATCH cannot remove them all); the userName fills in only
    // for emails that hold no address (Microsoft's placeholders) and at creation.
    email: (u.emails ?? []).length > 0 ? emailOf(u) : undefined,
    ssoEnabled: ssoEnabledOf(u),
  };
}

const namePart = (u: ScimUser, key: NameKey): string | null => nonEmpty(isJsonObject(u.name) ? u.name[key] : undefined) ?? null;

/**
 * Name changes. A write without a name keeps OneID's (OneID requires one, and IdPs that do not manage names send
 * none). A write with a name sets its given and family names as sent, clearing a part it left out, and `formatted`
 * when sent (see `applyChanges` for a name without one).
 */
function nameChanges(u: ScimUser): OneIdChanges['name'] {
  if (!isJsonObject(u.name)) return undefined;
  const out: NonNullable<OneIdChanges['name']> = { givenName: namePart(u, 'givenName'), familyName: namePart(u, 'familyName') };
  const formatted = namePart(u, 'formatted');
  if (formatted !== null) out.formatted = formatted;
  return out;
}

/** A write whose emails hold no address (and whose userName is none) cannot give OneID the email it requires. */
function assertEmail(u: ScimUser): void {
  if ((u.emails ?? []).length > 0 && emailOf(u) === undefined) {
    throw new UpstreamError('invalid', 'zuora-oneid', 'emails: Zuora OneID requires an email address, and none of the emails sent is one');
  }
}

/**
 * What `write` asks of OneID (the ownership rule of `UserWrite`); `applyChanges` puts it on OneID's record, where a
 * value OneID already holds changes nothing:
 * - every OneID field the IdP's view of the user carries, as the IdP wants it now;
 * - a field the write does not carry (no name, no locale, no `ssoEnabled`) keeps OneID's value: PATCH cannot remove
 *   those (the adapter declares them not removable), so their absence is a PUT that does not manage them;
 * - the externalId, which the bridge derives (the IdP's externalId or userName), only when what it is derived from
 *   changed since `previous` (or without `previous`), so a federated id set in OneID survives other writes;
 * - the role only as `roleToWrite` decides from the role inputs before and now;
 * - `restore` (drift enforcement) puts back the role and active state it names, as they are.
 * Throws `invalid` (400) when the write's emails hold no address at all.
 */
export function changesFor(write: UserWrite, rules: UserMappingRules): OneIdChanges {
  assertEmail(write.user);
  const changes: OneIdChanges = {};
  for (const [key, value] of Object.entries(scalarsOf(write.user))) if (value !== undefined) Object.assign(changes, { [key]: value });
  const externalId = externalIdOf(write.user, rules);
  if (!write.previous || externalId !== externalIdOf(write.previous.user, rules)) changes.externalId = externalId;
  const name = nameChanges(write.user);
  if (name) changes.name = name;
  const previousInputs = write.previous ? roleInputsOf(write.previous.user, write.previous.groupNames, rules) : undefined;
  const role = roleToWrite(roleInputsOf(write.user, write.groupNames, rules), previousInputs);
  if (role) changes.role = role;
  const restored = write.restore?.role;
  if (restored === 'ADMIN' || restored === 'USER') changes.role = restored;
  if (typeof write.restore?.active === 'boolean') changes.active = write.restore.active;
  return changes;
}

export const hasChanges = (changes: OneIdChanges): boolean => Object.keys(changes).length > 0;

/** A OneID record as a PUT body: without `meta` (OneID's own) and the null keys OneID answers for unset fields. */
export function asBody(record: OneIdUser): OneIdUser {
  const { meta: _meta, ...rest } = dropNulls(record);
  return rest as OneIdUser;
}

/**
 * OneID's record with `changes` made: the body of the full-overwrite PUT. Everything else stays as OneID holds it,
 * `groups` and the UserExtension's `status` and `region` included; the organizationId is the tenant's. When `active`
 * changes, `status` is left out: OneID derives it (DELETE and a PUT with `active` move both).
 */
export function applyChanges(record: OneIdUser, changes: OneIdChanges, organizationId: string): OneIdUser {
  const body = structuredClone(asBody(record));
  const { name, role, email, ssoEnabled, ...scalars } = changes;
  Object.assign(body, scalars);
  if (name) {
    const held: JsonObject = isJsonObject(body.name) ? body.name : {};
    const next: JsonObject = { ...held };
    for (const [key, value] of Object.entries(name)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    // A formatted name the write does not set would describe the old parts: OneID derives a new one.
    const partsChanged = next.givenName !== held.givenName || next.familyName !== held.familyName;
    if (!('formatted' in name) && partsChanged) delete next.formatted;
    if (Object.keys(next).length > 0) body.name = next;
    else delete body.name;
  }
  // The email and role are compared by value: OneID answers them with a `display` the bridge does not send.
  const heldEmails = (body.emails ?? []).map((e) => e.value).filter((v) => nonEmpty(v) !== undefined);
  if (email !== undefined && heldEmails[0] !== email) body.emails = [{ value: email, type: 'work', primary: true }];
  const heldRoles = (body.roles ?? []).map((r) => r.value);
  if (role !== undefined && (heldRoles.length !== 1 || heldRoles[0] !== role)) body.roles = [{ value: role }];
  const extension: JsonObject = { ...(extensionOf(body, USER_EXTENSION) ?? {}), organizationId };
  if (ssoEnabled !== undefined) extension.ssoEnabled = ssoEnabled;
  if (changes.active !== undefined && changes.active !== record.active) delete extension.status;
  body[USER_EXTENSION] = extension;
  return body;
}

/** Whether a PUT of `body` would change nothing in `record`. */
export const changesNothing = (record: OneIdUser, body: OneIdUser): boolean =>
  stableStringify(asBody(record) as JsonValue) === stableStringify(body as JsonValue);
