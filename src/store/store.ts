import type { JsonValue, ScimGroup, ScimUser } from '../scim/resource.js';

/**
 * What an upstream holds of a user that matters to an operator, in the upstream's own terms: a Zuora profile and
 * status, a OneID role, a ZIA department and groups. Kept with each user, shown in the audit log and drift reports.
 */
export type UpstreamState = Readonly<Record<string, string | number | boolean | readonly string[] | null>>;

/**
 * The upstream's record of a user as the bridge last wrote it on an IdP's (or an operator's) behalf: the baseline
 * against which drift (a change made in the upstream's console) is detected.
 */
export interface SyncedSnapshot {
  /** The upstream's record mapped to SCIM by the adapter (what the upstream holds, not what only the bridge keeps). */
  user: ScimUser;
  state: UpstreamState;
  /** When the bridge wrote it. */
  at: string;
}

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
  /** Durable work owed to an upstream (ZIA's queued deletions and owed activation), claimed by one replica at a time. */
  readonly workQueue: WorkQueueStore;
  /** Locks every process sharing this store honours: PostgreSQL's advisory locks; none needed for embedded SQLite. */
  readonly locks: ObjectLocks;
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
  /** What the upstream held of the user when last read or written (absent before the first read). */
  upstreamState?: UpstreamState | undefined;
  /**
   * The upstream's record as the bridge last wrote it. Absent for a user adopted from the upstream (it existed
   * before the bridge, or was made outside it) that no IdP has written through the bridge: such a user has no
   * baseline, so a change in the upstream's console is simply read, never reported as drift or written back.
   */
  synced?: SyncedSnapshot | undefined;
}

/** A user to write, and the `lastModified` of the index entry it was computed from (undefined: there was none). */
export interface GuardedPut {
  user: IndexedUser;
  basis: string | undefined;
}

export interface UserIndexStore {
  get(tenant: string, id: string): Promise<IndexedUser | undefined>;
  getByUpstreamId(tenant: string, upstreamId: string): Promise<IndexedUser | undefined>;
  /** Case-insensitive exact match; live and deleted entries alike (callers check `deletedAt`). */
  findByUserName(tenant: string, userName: string): Promise<IndexedUser[]>;
  findByExternalId(tenant: string, externalId: string): Promise<IndexedUser[]>;
  /**
   * Every live (not deleted) user, ordered by `created` then `id` (a stable order for paging). Loads the whole
   * tenant: for tools and tests only, never on a request path or in a reconcile (use {@link pageLive}).
   */
  listLive(tenant: string): Promise<IndexedUser[]>;
  /**
   * One page of live users in the order of {@link listLive}: at most `limit`, after the key `after` (a scan walks
   * the tenant page by page this way, each page a seek) or else skipping `offset` of them (an IdP's `startIndex`).
   */
  pageLive(tenant: string, page: PageRequest): Promise<IndexedUser[]>;
  countLive(tenant: string): Promise<number>;
  /** Insert or replace by `id`, or by `upstreamId`: a revived upstream user moves to a new SCIM id. */
  put(user: IndexedUser): Promise<void>;
  /** Insert or replace many in one transaction (reconciler). */
  putMany(users: IndexedUser[]): Promise<void>;
  /**
   * The reconciler's writes: each user is put (as `put` would) only if the index still holds what it was computed
   * from, checked and written in one transaction that every index write of the tenant takes turns with. With `basis`
   * undefined (an adoption), no entry may hold its id or upstream id; otherwise the entry with its id must be the
   * only one of its ids and unchanged (`lastModified === basis`). So a reconcile on one replica never overwrites what
   * an IdP write on any replica stored after the reconcile read it (its baseline, `synced`, above all), and never
   * adopts under a second id a user an IdP create has just indexed. Returns the ids written.
   */
  putManyUnlessChanged(puts: readonly GuardedPut[]): Promise<string[]>;
  remove(tenant: string, id: string): Promise<void>;
}

/** Where a row stands in the stable order of a list: by `created`, then `id` (compared byte by byte). */
export interface OrderKey {
  created: string;
  id: string;
}

/** A page of a list in its stable order: after `after` when given, else from `offset` (default 0); `limit` rows at most. */
export interface PageRequest {
  after?: OrderKey | undefined;
  offset?: number | undefined;
  limit: number;
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
  /** Ordered by `created` then `id`. Loads every group with its members: for tools and tests only (use {@link page}). */
  list(tenant: string): Promise<StoredGroup[]>;
  /**
   * One page of groups in the order of {@link list} (see {@link UserIndexStore.pageLive}). With `members: false`
   * the groups come without their member lists (`memberIds` empty): a list that does not show them does not read them.
   */
  page(tenant: string, page: PageRequest & { members: boolean }): Promise<StoredGroup[]>;
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
  /**
   * {@link groupsOfUser} for many users at once (a page of a list): every id given is a key, with `[]` for a user in
   * no group. Read-only like it.
   */
  groupsOfUsers(tenant: string, userIds: readonly string[]): Promise<ReadonlyMap<string, readonly GroupRef[]>>;
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

/** One attribute a write changed, as SCIM (`name.givenName`, `emails`) or upstream state (`upstream.profile`). */
export interface AuditChange {
  attribute: string;
  /** `null` when the attribute had no value; secrets and passwords are `"[redacted]"`. */
  before: JsonValue;
  after: JsonValue;
}

/**
 * One mutation or upstream write, who caused it, what it changed, what it cost upstream, and how it ended. Never a
 * secret. Every upstream write has one: an IdP request, a derived write it caused, the reconciler's repair, drift
 * enforcement, a ZIA activation or queued deletion, a CLI command.
 */
export interface AuditEntry {
  tenant: string;
  at: string;
  requestId: string;
  /**
   * Who caused it: the IdP credential's label (never the token), or the bridge's own actor (`reconciler`, `repair`,
   * `drift-enforcement`, `zia-activation`, `zia-deletion-queue`, `cli`).
   */
  actor: string;
  operation: string;
  resourceType: 'User' | 'Group' | 'System';
  resourceId: string | undefined;
  /** The user's userName or the group's displayName, when the entry is about one. */
  resourceName?: string | undefined;
  /** The upstream's id of the object written, when known. */
  upstreamId?: string | undefined;
  /** HTTP status the IdP got (204 when it got 204); for the bridge's own actors, the outcome as a status. */
  status: number;
  /** Upstream calls, e.g. `PUT /v1/users/8a8082c4 200 12ms`. */
  upstreamCalls: string[];
  /** What changed, before → after; absent when nothing did (a read, a refused request). */
  changes?: AuditChange[] | undefined;
  /** The upstream state that matters once the write was done (profile, status, role, groups, department). */
  upstreamState?: UpstreamState | undefined;
  detail: string | undefined;
}

export interface AuditQuery {
  tenant?: string;
  resourceId?: string;
  /** Exact actor (credential label or the bridge's own actor). */
  actor?: string;
  /** Case-insensitive exact userName or displayName. */
  resourceName?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; `since` inclusive, `until` exclusive. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}

/**
 * Mutual exclusion across every process that shares the store, by key (`tenant/user:<id>`). `run` holds all `keys`
 * while `fn` runs and releases them however it ends. Callers take their in-process lock first (one waiter per key
 * per process reaches the store), and keys are taken in sorted order so overlapping sets cannot deadlock.
 */
export interface ObjectLocks {
  run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T>;
}

export interface StateStore {
  get(tenant: string, key: string): Promise<string | undefined>;
  set(tenant: string, key: string, value: string): Promise<void>;
  /** Every key of the tenant that starts with `prefix`, in key order. */
  list(tenant: string, prefix: string): Promise<{ key: string; value: string }[]>;
  delete(tenant: string, key: string): Promise<void>;
}

/**
 * One item of a durable work queue: a tenant's queue (by name) holds at most one item per key. Times are ISO-8601
 * strings from the caller's clock, like every time in the store; leases assume replicas' clocks agree to well within
 * a lease.
 */
export interface WorkItem {
  key: string;
  /** What the worker needs besides the key (may be empty); set by the first enqueue. */
  payload: string;
  /** When the item was enqueued, or enqueued again while it was being worked on (see {@link WorkQueueStore.complete}). */
  enqueuedAt: string;
  /** The latest enqueue of this key: a batching window measures quiet from here. */
  lastEnqueuedAt: string;
  /** Goes up each time the key is enqueued again; a claim completes only the revision it took. */
  revision: number;
  /** How many times the item was claimed. */
  attempts: number;
  /** Before this, no claim takes the item (the back-off after a failed attempt). */
  notBefore: string;
  /** The worker holding the item, and until when; a lease that ran out is free for any other worker. */
  claimedBy: string | undefined;
  claimedUntil: string | undefined;
  lastError: string | undefined;
}

export interface WorkClaim {
  /** Who claims: unique per process (a restarted process is another worker). */
  owner: string;
  now: string;
  /** The lease: until then no other claim takes the items. */
  leaseUntil: string;
  /** At most this many items, oldest first (by `enqueuedAt`, then key). */
  limit: number;
}

/** A queue at a glance, for deciding when to send a batch and for operators. */
export interface WorkQueueSummary {
  /** Every item, claimed or not. */
  total: number;
  /** The items a claim made at `now` would take: due and not held under a live lease. */
  ready: number;
  /** The oldest `enqueuedAt` and the newest `lastEnqueuedAt` among the ready items. */
  firstEnqueuedAt: string | undefined;
  lastEnqueuedAt: string | undefined;
  /** The earliest time an item that is not ready becomes so (its back-off or a lease ends). */
  nextReadyAt: string | undefined;
}

/**
 * Durable queues of work owed to an upstream, shared by every replica: rows per item, so that no replica's queue
 * overwrites another's. A worker claims items under a lease (no other worker takes them until it runs out, so two
 * replicas never send the same item at once), then completes them (the row goes) or releases them with the time of
 * the next attempt. A worker that dies holding items simply lets the lease run out: any other worker, or the
 * restarted process, takes them then. Claims are atomic across connections and replicas (PostgreSQL: `FOR UPDATE
 * SKIP LOCKED`; SQLite: an immediate transaction).
 */
export interface WorkQueueStore {
  /**
   * Adds the item unless the queue holds its key: then no row is added and the payload is kept, but the item counts
   * as enqueued again (`revision`, `lastEnqueuedAt`). Returns true when a row was added.
   */
  enqueue(tenant: string, queue: string, key: string, payload: string, now: string): Promise<boolean>;
  claim(tenant: string, queue: string, claim: WorkClaim): Promise<WorkItem[]>;
  /** Extends `owner`'s lease on those keys; returns the keys it still holds (a key whose lease ran out may be lost). */
  renew(tenant: string, queue: string, owner: string, keys: readonly string[], leaseUntil: string): Promise<string[]>;
  /**
   * The work is done: each item's row goes, unless it was enqueued again since the revision given (claimed). Such an
   * item stays, unclaimed and due, as if first enqueued at its latest enqueue: it is owed once more.
   */
  complete(tenant: string, queue: string, items: readonly Pick<WorkItem, 'key' | 'revision'>[]): Promise<void>;
  /** Gives `owner`'s items back, to be claimed again from `notBefore`; items it no longer holds are left alone. */
  release(tenant: string, queue: string, owner: string, keys: readonly string[], retry: { notBefore: string; error?: string }): Promise<void>;
  /** Which of `keys` the queue holds (claimed or not), in any order. */
  find(tenant: string, queue: string, keys: readonly string[]): Promise<string[]>;
  summary(tenant: string, queue: string, now: string): Promise<WorkQueueSummary>;
}
