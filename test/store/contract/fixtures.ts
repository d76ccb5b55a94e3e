import { GROUP_SCHEMA, USER_SCHEMA } from '../../../src/scim/resource.js';
import type { AuditEntry, IdempotencyRecord, IndexedUser, StoredGroup, Store } from '../../../src/store/store.js';

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
