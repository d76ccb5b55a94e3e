import type { Migration } from './migration.js';

/**
 * The first schema: the user index (the SCIM id ⇄ upstream id map), the bridge's own groups and their ordered
 * members, idempotency records, the audit log and per-tenant state. Every table leads with `tenant` and every index
 * starts with it, so each tenant's rows form their own key range.
 *
 * Lookup indexes end in the columns their queries order by (`created, id`), so a lookup never scans a tenant's
 * rows in that order instead of seeking (the hot path: `filter=userName eq` at 10,000 users).
 *
 * Timestamps are ISO-8601 UTC strings (`Date#toISOString()`), which sort as text in both engines.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  statements: (d) => [
    `CREATE TABLE users (
      tenant TEXT NOT NULL,
      id TEXT NOT NULL,
      upstream_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      user_name_lower TEXT NOT NULL,
      external_id TEXT,
      active BOOLEAN NOT NULL,
      resource ${d.json} NOT NULL,
      created TEXT NOT NULL,
      last_modified TEXT NOT NULL,
      deleted_at TEXT,
      PRIMARY KEY (tenant, id)
    )`,
    'CREATE UNIQUE INDEX users_tenant_upstream_id ON users (tenant, upstream_id)',
    'CREATE INDEX users_tenant_user_name_lower ON users (tenant, user_name_lower, created, id)',
    'CREATE INDEX users_tenant_external_id ON users (tenant, external_id, created, id)',
    'CREATE INDEX users_tenant_created_id ON users (tenant, created, id)',

    `CREATE TABLE groups (
      tenant TEXT NOT NULL,
      id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      display_name_lower TEXT NOT NULL,
      external_id TEXT,
      resource ${d.json} NOT NULL,
      created TEXT NOT NULL,
      last_modified TEXT NOT NULL,
      PRIMARY KEY (tenant, id)
    )`,
    'CREATE INDEX groups_tenant_display_name_lower ON groups (tenant, display_name_lower, created, id)',
    'CREATE INDEX groups_tenant_created_id ON groups (tenant, created, id)',

    // No foreign key to users: a member id outlives a user row that is replaced (revival) or refreshed.
    `CREATE TABLE group_members (
      tenant TEXT NOT NULL,
      group_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (tenant, group_id, user_id),
      FOREIGN KEY (tenant, group_id) REFERENCES groups (tenant, id) ON DELETE CASCADE
    )`,
    'CREATE INDEX group_members_tenant_user_id ON group_members (tenant, user_id, group_id)',

    `CREATE TABLE idempotency_records (
      tenant TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      state TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      PRIMARY KEY (tenant, idempotency_key)
    )`,
    'CREATE INDEX idempotency_records_expires_at ON idempotency_records (expires_at)',

    `CREATE TABLE audit_log (
      seq ${d.autoIncrementPrimaryKey},
      tenant TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      request_id TEXT NOT NULL,
      actor TEXT NOT NULL,
      operation TEXT NOT NULL,
      resource_type TEXT NOT NULL,
      resource_id TEXT,
      status INTEGER NOT NULL,
      upstream_calls ${d.json} NOT NULL,
      detail TEXT
    )`,
    'CREATE INDEX audit_log_tenant_occurred_at ON audit_log (tenant, occurred_at, seq)',
    'CREATE INDEX audit_log_tenant_resource_id ON audit_log (tenant, resource_id, occurred_at, seq)',
    'CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at, seq)',

    `CREATE TABLE tenant_state (
      tenant TEXT NOT NULL,
      state_key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (tenant, state_key)
    )`,
  ],
};
