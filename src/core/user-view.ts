import { versionOf } from '../scim/etag.js';
import type { MultiValue, ScimUser } from '../scim/resource.js';
import type { GroupRef, IndexedUser } from '../store/store.js';

/** Attributes the bridge never returns (RFC 7643 `returned: never`). */
const NEVER_RETURNED = ['password'];

/**
 * The SCIM view of a user as the IdP reads it: the indexed resource plus what the bridge owns (id, externalId,
 * group memberships, meta with a content-derived version).
 */
export function renderUser(entry: IndexedUser, groups: readonly GroupRef[], baseUrl: string): ScimUser {
  const user = unversionedUser(entry, groups, baseUrl);
  if (user.meta) user.meta.version = versionOf(user);
  return user;
}

/**
 * The view without `meta.version`: what a scan tests a filter on (an ETag costs a canonical serialisation and a hash
 * per user, more than the rest of the view). A filter that reads `meta` gets {@link renderUser}'s view instead.
 */
export function unversionedUser(entry: IndexedUser, groups: readonly GroupRef[], baseUrl: string): ScimUser {
  const { meta: _m, id: _id, groups: _g, ...attrs } = entry.resource;
  for (const k of NEVER_RETURNED) delete attrs[k];
  const user: ScimUser = { ...attrs, id: entry.id, userName: entry.userName };
  if (entry.externalId !== undefined) user.externalId = entry.externalId;
  else delete user.externalId;
  user.active = entry.active;
  if (groups.length > 0) {
    user.groups = groups.map((g): MultiValue => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.displayName, type: 'direct' }));
  }
  user.meta = {
    resourceType: 'User',
    created: entry.created,
    lastModified: entry.lastModified,
    location: `${baseUrl}/Users/${entry.id}`,
  };
  return user;
}

/** What the store keeps of a user's SCIM view: everything but what the bridge derives (id, meta, groups, password). */
export function storableUser(user: ScimUser): ScimUser {
  const { meta: _m, id: _id, groups: _g, password: _p, ...rest } = user;
  return rest as ScimUser;
}
