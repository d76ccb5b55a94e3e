import { deepFreeze } from '../scim/deep-freeze.js';
import { memoizeString } from '../scim/memo.js';
import type { IndexedUser, SyncedSnapshot, UpstreamState } from './store.js';

/** Distinct upstream states kept: a tenant's users share a handful (a profile and a status, a role, a department). */
const MAX_SHARED_STATES = 1_000;

/** The text each document the store parsed came from, so that writing an unchanged one back does not re-serialise it. */
const storedText = new WeakMap<object, string>();

const parseFrozen = <T extends object>(text: string): T => {
  const parsed = deepFreeze(JSON.parse(text) as T);
  storedText.set(parsed, text);
  return parsed;
};

/**
 * A user's stored upstream state, parsed once per distinct text and shared, frozen, like the resource
 * (stored-user-resource.ts): content-addressed, so never stale, and cheap on the hot read path, where most users
 * hold one of a few states.
 */
export const parseStoredUpstreamState: (text: string) => UpstreamState = memoizeString((text) => parseFrozen<UpstreamState>(text), MAX_SHARED_STATES);

/**
 * Gives a user read from a store its `synced` snapshot, parsed on first read of the property and then kept (frozen)
 * with the user. The snapshot holds a whole SCIM user, and only drift detection and writes look at it: the hot reads
 * (`filter=userName eq`, `GET /Users/{id}`) never pay for parsing it. Call before the user is frozen; a user without
 * a snapshot gets no `synced` property.
 */
export function withStoredSynced(user: IndexedUser, text: string | null): IndexedUser {
  if (text === null) return user;
  let parsed: SyncedSnapshot | undefined;
  Object.defineProperty(user, 'synced', {
    enumerable: true,
    get: () => (parsed ??= parseFrozen<SyncedSnapshot>(text)),
  });
  return user;
}

/**
 * A document as stored text: the text it was read from when the store parsed it (it is frozen, so still accurate),
 * else its JSON. `null` when absent.
 */
export const storedJson = (value: object | undefined): string | null => (value === undefined ? null : (storedText.get(value) ?? JSON.stringify(value)));
