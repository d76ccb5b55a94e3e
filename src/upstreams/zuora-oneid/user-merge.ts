import { isJsonObject, USER_SCHEMA, type JsonObject, type MultiValue, type ScimUser } from '../../scim/resource.js';
import { emailRepresentative, ONEID_ROLE_TYPE } from './mapping.js';
import { extensionOf, USER_EXTENSION } from './oneid-wire.js';

const setOrDelete = (obj: JsonObject, key: string, value: unknown): void => {
  if (value === undefined) delete obj[key];
  else obj[key] = value as JsonObject[string];
};

/**
 * Put OneID's one email in the element it stands for. With no address among the IdP's emails (placeholders such as
 * Microsoft's `emailName357`), OneID's email came from the userName: those stay as sent; any other address is added.
 */
function overlayEmail(emails: MultiValue[] | undefined, value: string | undefined, userName: string): MultiValue[] | undefined {
  const rep = emailRepresentative(emails);
  if (value === undefined) {
    const rest = (emails ?? []).filter((v) => v !== rep);
    return rest.length > 0 ? rest : undefined;
  }
  if (rep) return (emails ?? []).map((v) => (v === rep ? { ...v, value } : v));
  if (emails && emails.length > 0 && value === userName) return emails;
  return [...(emails ?? []), { value, type: 'work', primary: !(emails ?? []).some((v) => v.primary === true) }];
}

/**
 * The userName to show: the IdP's as sent, when OneID holds the same login in another case (OneID compares userNames
 * case-insensitively); OneID's when it holds another one (renamed in OneID's console).
 */
const userNameOf = (base: ScimUser, up: ScimUser): string =>
  typeof up.userName === 'string' && up.userName.toLowerCase() !== base.userName.toLowerCase() ? up.userName : base.userName;

/**
 * Overlay what OneID holds (`up`, from `fromOneIdUser`) on the bridge's last SCIM view (`base`): OneID wins on what it
 * holds; addresses, phone numbers, further emails, the enterprise extension and `externalId` stay from `base`;
 * `groups` are dropped (the core renders them). `roles`: the IdP's own entries stay as sent, so the role rules can be
 * evaluated again, followed by the read-back entry of the role OneID holds. Pure and idempotent.
 */
export function mergeIntoScim(base: ScimUser | undefined, up: ScimUser): ScimUser {
  if (!base) return up;
  const out: ScimUser = {
    ...base,
    schemas: [...new Set([...(base.schemas ?? [USER_SCHEMA]), ...up.schemas])],
    userName: userNameOf(base, up),
    active: up.active,
  };
  delete out.groups;
  const name: JsonObject = { ...(base.name ?? {}) };
  for (const k of ['formatted', 'familyName', 'givenName'] as const) setOrDelete(name, k, up.name?.[k]);
  if (Object.keys(name).length > 0) out.name = name;
  else delete out.name;
  for (const k of ['displayName', 'preferredLanguage', 'locale'] as const) setOrDelete(out, k, up[k]);
  setOrDelete(out, 'emails', overlayEmail(base.emails, up.emails?.[0]?.value, up.userName));
  const requested = (base.roles ?? []).filter((r) => r.type !== ONEID_ROLE_TYPE);
  setOrDelete(out, 'roles', [...requested, ...(up.roles ?? [])].length > 0 ? [...requested, ...(up.roles ?? [])] : undefined);
  const upExt = extensionOf(up, USER_EXTENSION);
  if (upExt) out[USER_EXTENSION] = { ...(isJsonObject(base[USER_EXTENSION]) ? base[USER_EXTENSION] : {}), ...upExt };
  return out;
}
