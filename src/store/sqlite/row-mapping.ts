import type { ScimGroup } from '../../scim/resource.js';
import { foldCase } from '../fold-case.js';
import { parseStoredUserResource } from '../stored-user-resource.js';
import type { AuditEntry, IdempotencyRecord, IndexedUser, StoredGroup } from '../store.js';

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
});

export const rowToUser = (r: UserRow): IndexedUser => ({
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
});

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
  status: number;
  upstream_calls: string;
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
  status: e.status,
  upstream_calls: JSON.stringify(e.upstreamCalls),
  detail: e.detail ?? null,
});

export const rowToAudit = (r: AuditRow): AuditEntry => ({
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
});
