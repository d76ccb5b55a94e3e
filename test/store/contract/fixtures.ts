import { GROUP_SCHEMA, USER_SCHEMA } from '../../../src/scim/resource.js';
import type { AuditEntry, IdempotencyRecord, IndexedUser, StoredGroup, Store, SyncedSnapshot, UpstreamState } from '../../../src/store/store.js';

/** Gives each contract test the store its engine made for it. */
export type StoreAccessor = () => Store;

export const T1 = 'tenant-one';
export const T2 = 'tenant-two';

/** An instant `minutes` after a fixed origin, as the ISO-8601 string the store keeps. */
export const at = (minutes: number): string => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

export function aUser(id: string, props: Partial<Omit<IndexedUser, 'id'>> = {}): IndexedUser {
  const userName = props.userName ?? `${id}@example.com`;
  return {
    tenant: T1,
    id,
    upstreamId: `up-${id}`,
    userName,
    externalId: undefined,
    active: true,
    resource: { schemas: [USER_SCHEMA], id, userName, name: { givenName: 'Barbara', familyName: 'Jensen' } },
    created: at(0),
    lastModified: at(0),
    deletedAt: undefined,
    ...props,
  };
}

/** What a Zuora REST user's upstream state looks like: a profile, a status, and a list (ZIA's groups) and a null. */
export const anUpstreamState = (profile = 'Standard User'): UpstreamState => ({
  profile,
  status: 'Active',
  groups: ['Sales', 'Disabled Users'],
  department: null,
  seats: 2,
  sso: true,
});

/** The upstream's record of `user` as the bridge last wrote it, at minute `minutes`. */
export function aSyncedSnapshot(user: IndexedUser, minutes = 0, profile = 'Standard User'): SyncedSnapshot {
  return {
    user: { ...user.resource, title: 'Written by the bridge', emails: [{ value: user.userName, primary: true }] },
    state: anUpstreamState(profile),
    at: at(minutes),
  };
}

/** A user the bridge has written: with the upstream state and the `synced` baseline. */
export function aSyncedUser(id: string, props: Partial<Omit<IndexedUser, 'id'>> = {}, profile = 'Standard User'): IndexedUser {
  const user = aUser(id, props);
  return { ...user, upstreamState: anUpstreamState(profile), synced: aSyncedSnapshot(user, 0, profile), ...props };
}

export function aGroup(id: string, props: Partial<Omit<StoredGroup, 'id'>> = {}): StoredGroup {
  const displayName = props.displayName ?? `Group ${id}`;
  return {
    tenant: T1,
    id,
    displayName,
    externalId: undefined,
    resource: { schemas: [GROUP_SCHEMA], id, displayName },
    memberIds: [],
    created: at(0),
    lastModified: at(0),
    ...props,
  };
}

/** An in-flight claim made at minute `claimedAt`, valid for `ttlMinutes`. */
export function aClaim(key: string, props: Partial<IdempotencyRecord> = {}, claimedAt = 0, ttlMinutes = 60): IdempotencyRecord {
  return {
    tenant: T1,
    key,
    fingerprint: `POST /Users ${key}`,
    state: 'inFlight',
    status: undefined,
    body: undefined,
    createdAt: at(claimedAt),
    expiresAt: at(claimedAt + ttlMinutes),
    ...props,
  };
}

export function anAuditEntry(requestId: string, props: Partial<AuditEntry> = {}): AuditEntry {
  return {
    tenant: T1,
    at: at(0),
    requestId,
    actor: 'okta-prod',
    operation: 'createUser',
    resourceType: 'User',
    resourceId: undefined,
    status: 201,
    upstreamCalls: [],
    detail: undefined,
    ...props,
  };
}
