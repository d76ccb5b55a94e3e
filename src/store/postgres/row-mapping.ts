import type { ScimGroup } from '../../scim/resource.js';
import { foldCase } from '../fold-case.js';
import { parseStoredUserResource } from '../stored-user-resource.js';
import { parseStoredUpstreamState, storedJson, withStoredSynced } from '../stored-user-state.js';
import type { AuditChange, AuditEntry, IdempotencyRecord, IndexedUser, StoredGroup, UpstreamState } from '../store.js';

/**
 * Rows as node-postgres reads them, and the store's types as the positional parameters of the statements that write
 * them. `pg` parses JSONB into objects (user resources excepted: read as text, see `USER_COLUMNS`) and BOOLEAN into
 * booleans on the way out; on the way in, JSON documents are sent as text (a JS array would otherwise become a
 * PostgreSQL array). Absent optional values are NULL.
 */

/**
 * The JSON documents are read as text and parsed the same way on both engines: the resource and the upstream state
 * by content (stored-user-resource.ts, stored-user-state.ts), the `synced` snapshot only when first read.
 */
export const USER_COLUMNS =
  'tenant, id, upstream_id, user_name, external_id, active, resource::text AS resource, created, last_modified, ' +
  'deleted_at, upstream_state::text AS upstream_state, synced::text AS synced';

export interface UserRow {
  tenant: string;
  id: string;
  upstream_id: string;
  user_name: string;
  external_id: string | null;
  active: boolean;
  resource: string;
  created: string;
  last_modified: string;
  deleted_at: string | null;
  upstream_state: string | null;
  synced: string | null;
}

/** In the order of `USER_COLUMNS` with `user_name_lower` after `user_name`. */
export const userParams = (u: IndexedUser): unknown[] => [
  u.tenant,
  u.id,
  u.upstreamId,
  u.userName,
  foldCase(u.userName),
  u.externalId ?? null,
  u.active,
  JSON.stringify(u.resource),
  u.created,
  u.lastModified,
  u.deletedAt ?? null,
  storedJson(u.upstreamState),
  storedJson(u.synced),
];

/** `upstreamState` and `synced` are set only when stored. */
export function rowToUser(r: UserRow): IndexedUser {
  const user: IndexedUser = {
    tenant: r.tenant,
    id: r.id,
    upstreamId: r.upstream_id,
    userName: r.user_name,
    externalId: r.external_id ?? undefined,
    active: r.active,
    resource: parseStoredUserResource(r.resource),
    created: r.created,
    lastModified: r.last_modified,
    deletedAt: r.deleted_at ?? undefined,
  };
  if (r.upstream_state !== null) user.upstreamState = parseStoredUpstreamState(r.upstream_state);
  return withStoredSynced(user, r.synced);
}

export interface GroupRow {
  tenant: string;
  id: string;
  display_name: string;
  external_id: string | null;
  resource: ScimGroup;
  created: string;
  last_modified: string;
  member_ids: string[];
}

/** tenant, id, display_name, display_name_lower, external_id, resource, created, last_modified. */
export const groupParams = (g: StoredGroup): unknown[] => [
  g.tenant,
  g.id,
  g.displayName,
  foldCase(g.displayName),
  g.externalId ?? null,
  JSON.stringify(g.resource),
  g.created,
  g.lastModified,
];

export const rowToGroup = (r: GroupRow): StoredGroup => ({
  tenant: r.tenant,
  id: r.id,
  displayName: r.display_name,
  externalId: r.external_id ?? undefined,
  resource: r.resource,
  memberIds: r.member_ids,
  created: r.created,
  lastModified: r.last_modified,
});

export const IDEMPOTENCY_COLUMNS = 'tenant, idempotency_key, fingerprint, state, status, body, created_at, expires_at';

export interface IdempotencyRow {
  tenant: string;
  idempotency_key: string;
  fingerprint: string;
  state: string;
  status: number | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

/** In the order of `IDEMPOTENCY_COLUMNS`. */
export const idempotencyParams = (r: IdempotencyRecord): unknown[] => [
  r.tenant,
  r.key,
  r.fingerprint,
  r.state,
  r.status ?? null,
  r.body ?? null,
  r.createdAt,
  r.expiresAt,
];

export const rowToIdempotency = (r: IdempotencyRow): IdempotencyRecord => ({
  tenant: r.tenant,
  key: r.idempotency_key,
  fingerprint: r.fingerprint,
  state: r.state === 'done' ? 'done' : 'inFlight',
  status: r.status ?? undefined,
  body: r.body ?? undefined,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export const AUDIT_COLUMNS =
  'tenant, occurred_at, request_id, actor, operation, resource_type, resource_id, resource_name, resource_name_lower, ' +
  'upstream_id, status, upstream_calls, changes, upstream_state, detail';

export interface AuditRow {
  tenant: string;
  occurred_at: string;
  request_id: string;
  actor: string;
  operation: string;
  resource_type: string;
  resource_id: string | null;
  resource_name: string | null;
  upstream_id: string | null;
  status: number;
  upstream_calls: string[];
  changes: AuditChange[] | null;
  upstream_state: UpstreamState | null;
  detail: string | null;
}

/** In the order of `AUDIT_COLUMNS`. */
export const auditParams = (e: AuditEntry): unknown[] => [
  e.tenant,
  e.at,
  e.requestId,
  e.actor,
  e.operation,
  e.resourceType,
  e.resourceId ?? null,
  e.resourceName ?? null,
  e.resourceName === undefined ? null : foldCase(e.resourceName),
  e.upstreamId ?? null,
  e.status,
  JSON.stringify(e.upstreamCalls),
  e.changes === undefined ? null : JSON.stringify(e.changes),
  e.upstreamState === undefined ? null : JSON.stringify(e.upstreamState),
  e.detail ?? null,
];

/** The optional fields of issue 10 are set only when stored, so an older entry reads back as it was written. */
export function rowToAudit(r: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    tenant: r.tenant,
    at: r.occurred_at,
    requestId: r.request_id,
    actor: r.actor,
    operation: r.operation,
    resourceType: r.resource_type as AuditEntry['resourceType'],
    resourceId: r.resource_id ?? undefined,
    status: r.status,
    upstreamCalls: r.upstream_calls,
    detail: r.detail ?? undefined,
  };
  if (r.resource_name !== null) entry.resourceName = r.resource_name;
  if (r.upstream_id !== null) entry.upstreamId = r.upstream_id;
  if (r.changes !== null) entry.changes = r.changes;
  if (r.upstream_state !== null) entry.upstreamState = r.upstream_state;
  return entry;
}
