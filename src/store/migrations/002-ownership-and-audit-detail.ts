import type { Migration } from './migration.js';

/**
 * Issue 10's ownership model and richer audit log. Only nullable columns are added, so every existing row stays
 * valid as it is: a user without `upstream_state` or `synced` reads as one the bridge has not yet read or written
 * (an adopted user has no baseline for drift), and an older audit entry simply has no name, changes or state.
 *
 * - users: `upstream_state` (what the upstream held of the user when last read or written) and `synced` (the
 *   upstream's record as the bridge last wrote it), both JSON documents.
 * - audit_log: the resource's name as sent and case-folded (the query matches names case-insensitively, folded in
 *   JavaScript like `user_name_lower`: see fold-case.ts), the upstream id, the changes and the resulting upstream state.
 *
 * The two new lookup indexes lead with the filtered column, then the tenant, then the order of the answer: a query
 * naming a tenant seeks straight to its entries in order; the operator's query across tenants (`audit --actor
 * reconciler` without `--tenant`) still seeks to that actor's entries and sorts only those, instead of scanning the
 * whole log newest first as an index led by the tenant would make it do.
 */
export const ownershipAndAuditDetail: Migration = {
  version: 2,
  name: 'ownership-and-audit-detail',
  statements: (d) => [
    `ALTER TABLE users ADD COLUMN upstream_state ${d.json}`,
    `ALTER TABLE users ADD COLUMN synced ${d.json}`,

    'ALTER TABLE audit_log ADD COLUMN resource_name TEXT',
    'ALTER TABLE audit_log ADD COLUMN resource_name_lower TEXT',
    'ALTER TABLE audit_log ADD COLUMN upstream_id TEXT',
    `ALTER TABLE audit_log ADD COLUMN changes ${d.json}`,
    `ALTER TABLE audit_log ADD COLUMN upstream_state ${d.json}`,
    'CREATE INDEX audit_log_actor ON audit_log (actor, tenant, occurred_at, seq)',
    'CREATE INDEX audit_log_resource_name_lower ON audit_log (resource_name_lower, tenant, occurred_at, seq)',
  ],
};
