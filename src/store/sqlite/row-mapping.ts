import type { ScimGroup } from '../../scim/resource.js';
import { foldCase } from '../fold-case.js';
import { parseStoredUserResource } from '../stored-user-resource.js';
import { parseStoredUpstreamState, storedJson, withStoredSynced } from '../stored-user-state.js';
import type { AuditChange, AuditEntry, IdempotencyRecord, IndexedUser, StoredGroup, UpstreamState } from '../store.js';

/**
 * Rows as better-sqlite3 reads and writes them, and their mapping to the store's types. SQLite has no booleans
 * (stored as 0/1) and no JSON type (stored as text); absent optional values are NULL.
 */

export interface UserRow {
  tenant: string;
  id: string;
  upstream_id: string;
  user_name: string;
  user_name_lower: string;
  external_id: string | null;
  active: number;
  resource: string;
  created: string;
  last_modified: string;
  deleted_at: string | null;
  upstream_state: string | null;
  synced: string | null;
}

export const userToRow = (u: IndexedUser): UserRow => ({
  tenant: u.tenant,
  id: u.id,
  upstream_id: u.upstreamId,
  user_name: u.userName,
  user_name_lower: foldCase(u.userName),
  external_id: u.externalId ?? null,
  active: u.active ? 1 : 0,
  resource: JSON.stringify(u.resource),
  created: u.created,
  last_modified: u.lastModified,
  deleted_at: u.deletedAt ?? null,
  upstream_state: storedJson(u.upstreamState),
  synced: storedJson(u.synced),
});

/** `upstreamState` and `synced` are set only when stored; `synced` is parsed when first read (stored-user-state.ts). */
export function rowToUser(r: UserRow): IndexedUser {
  const user: IndexedUser = {
    tenant: r.tenant,
    id: r.id,
    upstreamId: r.upstream_id,
    userName: r.user_name,
    externalId: r.external_id ?? undefined,
    active: r.active === 1,
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
  display_name_lower: string;
  external_id: string | null;
  resource: string;
  created: string;
  last_modified: string;
}

export const groupToRow = (g: StoredGroup): GroupRow => ({
  tenant: g.tenant,
  id: g.id,
  display_name: g.displayName,
  display_name_lower: foldCase(g.displayName),
  external_id: g.externalId ?? null,
  resource: JSON.stringify(g.resource),
  created: g.created,
  last_modified: g.lastModified,
});

export const rowToGroup = (r: GroupRow, memberIds: string[]): StoredGroup => ({
  tenant: r.tenant,
  id: r.id,
  displayName: r.display_name,
  externalId: r.external_id ?? undefined,
  resource: JSON.parse(r.resource) as ScimGroup,
  memberIds,
  created: r.created,
  lastModified: r.last_modified,
});

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

export const idempotencyToRow = (r: IdempotencyRecord): IdempotencyRow => ({
  tenant: r.tenant,
  idempotency_key: r.key,
  fingerprint: r.fingerprint,
  state: r.state,
  status: r.status ?? null,
  body: r.body ?? null,
  created_at: r.createdAt,
  expires_at: r.expiresAt,
});

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

export interface AuditRow {
  tenant: string;
  occurred_at: string;
  request_id: string;
  actor: string;
  operation: string;
  resource_type: string;
  resource_id: string | null;
  resource_name: string | null;
  resource_name_lower: string | null;
  upstream_id: string | null;
  status: number;
  upstream_calls: string;
  changes: string | null;
  upstream_state: string | null;
  detail: string | null;
}

export const auditToRow = (e: AuditEntry): AuditRow => ({
  tenant: e.tenant,
  occurred_at: e.at,
  request_id: e.requestId,
  actor: e.actor,
  operation: e.operation,
  resource_type: e.resourceType,
  resource_id: e.resourceId ?? null,
  resource_name: e.resourceName ?? null,
  resource_name_lower: e.resourceName === undefined ? null : foldCase(e.resourceName),
  upstream_id: e.upstreamId ?? null,
  status: e.status,
  upstream_calls: JSON.stringify(e.upstreamCalls),
  changes: e.changes === undefined ? null : JSON.stringify(e.changes),
  upstream_state: e.upstreamState === undefined ? null : JSON.stringify(e.upstreamState),
  detail: e.detail ?? null,
});

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
    upstreamCalls: JSON.parse(r.upstream_calls) as string[],
    detail: r.detail ?? undefined,
  };
  if (r.resource_name !== null) entry.resourceName = r.resource_name;
  if (r.upstream_id !== null) entry.upstreamId = r.upstream_id;
  if (r.changes !== null) entry.changes = JSON.parse(r.changes) as AuditChange[];
  if (r.upstream_state !== null) entry.upstreamState = JSON.parse(r.upstream_state) as UpstreamState;
  return entry;
}
