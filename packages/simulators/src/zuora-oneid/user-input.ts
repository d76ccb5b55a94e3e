import { badRequest } from './errors.js';
import type { OneIdName, OneIdRole, OneIdUserFields, OneIdUserRecord } from './records.js';
import { URN } from './urns.js';

/**
 * Which attributes a write must carry:
 * - `create` (POST /Users): the schema's required list — schemas, name, active, emails, roles, externalId, userName,
 *   preferredLanguage, locale and the UserExtension with `organizationId` (createAUser, docs/upstreams/zuora-oneid.md §3).
 * - `bulkCreate` (POST /Users/bulk): userName, an email, roles and `organizationId` ("Must include the userName
 *   attribute and an email address"); `active` defaults to true and `externalId` to the userName, as in its sample [INF].
 * - `replace` (PUT, and PATCH once applied): userName, an email, roles and active; every other attribute left out is
 *   cleared ("If an attribute that had been set previously is left blank … the new value will be blank") [INF].
 */
export type UserWritePolicy = 'create' | 'bulkCreate' | 'replace';

const REQUIRED: Record<UserWritePolicy, readonly string[]> = {
  create: ['schemas', 'userName', 'emails', 'roles', 'externalId', 'name', 'active', 'preferredLanguage', 'locale', URN.userExtension],
  bulkCreate: ['userName', 'emails', 'roles', URN.userExtension],
  replace: ['userName', 'emails', 'roles', 'active'],
};

/** Roles OneID knows: Organization Admin and Standard User (docs/upstreams/zuora-oneid.md §4); anything else is a 400 [INF]. */
export const ONEID_ROLES: readonly OneIdRole[] = ['ADMIN', 'USER'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string attribute; `" "` (or empty) means "not set": "Updating a value to \" \" will clear and remove the field". */
function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value.trim() === '' ? undefined : value;
}

function parseName(value: unknown): OneIdName | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw badRequest('name must be an object');
  const givenName = text(value.givenName, 'name.givenName');
  const familyName = text(value.familyName, 'name.familyName');
  // The samples always answer `formatted`; derived as "given family" when the client sends none [INF].
  const joined = [givenName, familyName].filter((part) => part !== undefined).join(' ');
  const formatted = text(value.formatted, 'name.formatted') ?? (joined === '' ? undefined : joined);
  const name: OneIdName = {};
  if (formatted !== undefined) name.formatted = formatted;
  if (familyName !== undefined) name.familyName = familyName;
  if (givenName !== undefined) name.givenName = givenName;
  return Object.keys(name).length > 0 ? name : undefined;
}

/** The one email OneID keeps: the `primary` one, else the first. */
function parseEmail(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('emails must be an array');
  const emails = value.filter(isRecord);
  const chosen = emails.find((e) => e.primary === true) ?? emails[0];
  if (chosen === undefined) return undefined;
  const address = text(chosen.value, 'emails.value');
  if (address === undefined) return undefined;
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) throw badRequest(`Invalid email address: ${address}`);
  return address;
}

function parseRoles(value: unknown): OneIdRole[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('roles must be an array');
  const roles: OneIdRole[] = [];
  for (const entry of value) {
    const role = isRecord(entry) ? entry.value : undefined;
    if (!ONEID_ROLES.includes(role as OneIdRole)) {
      throw badRequest(`Invalid role ${JSON.stringify(role)}: roles[].value must be ADMIN or USER`);
    }
    if (!roles.includes(role as OneIdRole)) roles.push(role as OneIdRole);
  }
  return roles.length > 0 ? roles : undefined;
}

function parseBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be a boolean`);
  return value;
}

/**
 * Validate one user body and turn it into the fields to store. `current` is the stored user on replace (keeps
 * `ssoEnabled` when the body has none). Read-only attributes (`id`, `meta`, `groups`, extension `status`/`region`)
 * are ignored; group membership changes through the Groups endpoints (RFC 7643 §4.1.2: `groups` is read-only) [INF].
 */
export function parseUserBody(body: unknown, policy: UserWritePolicy, orgId: string, current?: OneIdUserRecord): OneIdUserFields {
  if (!isRecord(body)) throw badRequest('A user must be a JSON object', 'invalidSyntax');
  const missing = REQUIRED[policy].find((key) => body[key] === undefined || body[key] === null);
  if (missing !== undefined) throw badRequest(`Missing required attribute: ${missing}`);
  if (body.schemas !== undefined && (!Array.isArray(body.schemas) || !body.schemas.includes(URN.user))) {
    throw badRequest(`schemas must include ${URN.user}`, 'invalidSyntax');
  }

  const extension = body[URN.userExtension];
  if (extension !== undefined && extension !== null && !isRecord(extension)) throw badRequest(`${URN.userExtension} must be an object`);
  const organizationId = isRecord(extension) ? extension.organizationId : undefined;
  if (policy !== 'replace' && (organizationId === undefined || organizationId === null)) {
    throw badRequest(`Missing required attribute: ${URN.userExtension}:organizationId`);
  }
  if (organizationId !== undefined && organizationId !== null && organizationId !== orgId) {
    throw badRequest(`organizationId ${JSON.stringify(organizationId)} is not this organization's id`);
  }

  const userName = text(body.userName, 'userName');
  const email = parseEmail(body.emails);
  const roles = parseRoles(body.roles);
  if (userName === undefined) throw badRequest('Missing required attribute: userName');
  if (email === undefined) throw badRequest('Missing required attribute: emails (an email address is required)');
  if (roles === undefined) throw badRequest('Missing required attribute: roles');
  const externalId = text(body.externalId, 'externalId') ?? (policy === 'bulkCreate' ? userName : undefined);
  if (externalId === undefined && policy === 'create') throw badRequest('Missing required attribute: externalId');
  const name = parseName(body.name);
  const fields: OneIdUserFields = {
    userName,
    active: parseBoolean(body.active, 'active') ?? true,
    email,
    roles,
    ssoEnabled: parseBoolean(isRecord(extension) ? extension.ssoEnabled : undefined, 'ssoEnabled') ?? current?.ssoEnabled ?? true,
  };
  // `displayName` is the formatted name in every sample [INF].
  const optional: Partial<OneIdUserFields> = {
    externalId,
    name,
    displayName: text(body.displayName, 'displayName') ?? name?.formatted,
    preferredLanguage: text(body.preferredLanguage, 'preferredLanguage'),
    locale: text(body.locale, 'locale'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(fields, { [key]: value });
  for (const key of ['preferredLanguage', 'locale'] as const) {
    if (policy === 'create' && fields[key] === undefined) throw badRequest(`Missing required attribute: ${key}`);
  }
  return fields;
}

/** The stored user as a writable SCIM body, the starting point of a PATCH or a bulk "overwrite specified attributes". */
export function userAsBody(user: OneIdUserRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    schemas: [URN.userExtension, URN.user],
    userName: user.userName,
    active: user.active,
    emails: [{ value: user.email, type: 'work', primary: true }],
    roles: user.roles.map((value) => ({ value })),
    [URN.userExtension]: { organizationId: user.organizationId, ssoEnabled: user.ssoEnabled },
  };
  const optional = {
    externalId: user.externalId,
    name: user.name,
    displayName: user.displayName,
    preferredLanguage: user.preferredLanguage,
    locale: user.locale,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) body[key] = structuredClone(value);
  return body;
}
