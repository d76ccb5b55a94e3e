import type { ScimGroup, ScimUser } from '../scim/resource.js';

/**
 * Everything the bridge itself owns, per tenant: the id map and local user index, the groups of upstreams that have
 * none, idempotency records, and the audit log. Upstream data is never authoritative here: the reconciler refreshes
 * the index and writes always go upstream first.
 *
 * One interface, several engines (SQLite embedded, PostgreSQL for replicas); `test/store/store-contract.ts` runs the
 * same suite against each.
 */
export interface Store {
  readonly users: UserIndexStore;
  readonly groups: GroupStore;
  readonly idempotency: IdempotencyStore;
  readonly audit: AuditStore;
  /** Small per-tenant key/value state (reconciler watermark, pending work). */
  readonly state: StateStore;
  close(): Promise<void>;
}

/** One user in the local index: the SCIM id map entry plus the last known SCIM view of the user. */
export interface IndexedUser {
  tenant: string;
  /** The SCIM id the bridge issued; stable, never reused. */
  id: string;
  upstreamId: string;
  /** As sent (case kept); uniqueness is case-insensitive. */
  userName: string;
  externalId: string | undefined;
  active: boolean;
  /**
   * The last known SCIM representation, without `meta`. As read from a store: frozen, and one object shared by every
   * read of the same stored content (store/stored-user-resource.ts); change a copy, never the object itself.
   */
  resource: ScimUser;
  created: string;
  lastModified: string;
  /**
   * Set when the IdP deleted the user but the upstream kept it (soft delete): the SCIM id answers 404 from then
   * on, and a later create with the same userName revives the upstream user under a new SCIM id.
   */
  deletedAt: string | undefined;
}

export interface UserIndexStore {
  get(tenant: string, id: string): Promise<IndexedUser | undefined>;
  getByUpstreamId(tenant: string, upstreamId: string): Promise<IndexedUser | undefined>;
  /** Case-insensitive exact match; live and deleted entries alike (callers check `deletedAt`). */
  findByUserName(tenant: string, userName: string): Promise<IndexedUser[]>;
  findByExternalId(tenant: string, externalId: string): Promise<IndexedUser[]>;
  /** Live (not deleted) users, ordered by `created` then `id` (a stable order for paging). */
  listLive(tenant: string): Promise<IndexedUser[]>;
  countLive(tenant: string): Promise<number>;
  /** Insert or replace by `id`, or by `upstreamId`: a revived upstream user moves to a new SCIM id. */
  put(user: IndexedUser): Promise<void>;
  /** Insert or replace many in one transaction (reconciler). */
  putMany(users: IndexedUser[]): Promise<void>;
  remove(tenant: string, id: string): Promise<void>;
}

/** A group the bridge keeps itself (for upstreams without groups), with its members' SCIM user ids. */
export interface StoredGroup {
  tenant: string;
  id: string;
  displayName: string;
  externalId: string | undefined;
  /** The SCIM representation without `members` and `meta`; members live in their own table. */
  resource: ScimGroup;
  memberIds: string[];
  created: string;
  lastModified: string;
}

/** A group as a member's view names it. */
export interface GroupRef {
  id: string;
  displayName: string;
}

export interface GroupStore {
  get(tenant: string, id: string): Promise<StoredGroup | undefined>;
  /** Case-insensitive exact match on displayName. */
  findByDisplayName(tenant: string, displayName: string): Promise<StoredGroup[]>;
  /** Ordered by `created` then `id`. */
  list(tenant: string): Promise<StoredGroup[]>;
  count(tenant: string): Promise<number>;
  /** Insert or replace the group and its whole member list, in one transaction. */
  put(group: StoredGroup): Promise<void>;
  remove(tenant: string, id: string): Promise<void>;
  /** Groups (ids) a user is a member of. */
  groupIdsOfUser(tenant: string, userId: string): Promise<string[]>;
  /**
   * The groups a user is a member of, by id and name (what a user's view shows), ordered by id; no member lists.
   * Read-only: a store may hand the same (frozen) list to every caller while it is current.
   */
  groupsOfUser(tenant: string, userId: string): Promise<readonly GroupRef[]>;
  /** Drop a user from every group (after the user is deleted). Returns the ids of the groups that changed. */
  removeMemberEverywhere(tenant: string, userId: string): Promise<string[]>;
}

/** A response remembered so that an IdP's retry of the same request gets the same answer. */
export interface IdempotencyRecord {
  tenant: string;
  key: string;
  /** Fingerprint of method, path and body: a key reused for a different request is refused. */
  fingerprint: string;
  state: 'inFlight' | 'done';
  status: number | undefined;
  body: string | undefined;
  createdAt: string;
  expiresAt: string;
}

export interface IdempotencyStore {
  /** Claim a key atomically: returns `undefined` when claimed, or the existing (unexpired) record. */
  claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  complete(tenant: string, key: string, status: number, body: string): Promise<void>;
  /** Drop an unfinished claim (the request failed); a completed record is kept until it expires. */
  release(tenant: string, key: string): Promise<void>;
  purgeExpired(now: string): Promise<number>;
}

/** One mutation, who asked for it, what it cost upstream, and how it ended. Never a secret. */
export interface AuditEntry {
  tenant: string;
  at: string;
  requestId: string;
  /** The IdP credential's label, never the token. */
  actor: string;
  operation: string;
  resourceType: 'User' | 'Group' | 'System';
  resourceId: string | undefined;
  /** HTTP status the IdP got. */
  status: number;
  /** Upstream calls, e.g. `PUT /v1/users/{id} 200 12ms`. */
  upstreamCalls: string[];
  detail: string | undefined;
}

export interface AuditQuery {
  tenant?: string;
  resourceId?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; `since` inclusive, `until` exclusive. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}

export interface StateStore {
  get(tenant: string, key: string): Promise<string | undefined>;
  set(tenant: string, key: string, value: string): Promise<void>;
}
