import { deepFreeze } from '../scim/deep-freeze.js';
import { memoizeString } from '../scim/memo.js';
import type { ScimUser } from '../scim/resource.js';

/** Distinct stored texts kept; a full IdP sync cycles through them without holding more than this. */
const MAX_SHARED_RESOURCES = 5_000;

/**
 * A user's stored resource, parsed once per distinct text and shared, frozen, by every read that finds the same
 * text. Content-addressed, so it is never stale: a changed row is different text and parses anew. Both engines read
 * the resource through here, so what the core gets from a store behaves the same on SQLite and PostgreSQL, and the
 * core can memoise what it derives from a resource object (its rendered view and ETag, core/user-view-cache.ts).
 */
export const parseStoredUserResource: (text: string) => ScimUser = memoizeString((text) => deepFreeze(JSON.parse(text) as ScimUser), MAX_SHARED_RESOURCES);
