import type { Migration } from './migration.js';

/**
 * Issue 11: lists read the store a page at a time (`pageLive`, `GroupStore.page`) instead of loading the tenant.
 *
 * - users: a partial index of the live users in their stable order (`created`, then `id` byte by byte). A page at
 *   `startIndex=99,901` skips index entries only (no table rows), `count=0` counts them, and a scan seeks to each
 *   page's key. Deleted users (tombstones) are not in it, so they cost nothing to skip. On PostgreSQL the `id` column
 *   is indexed `COLLATE "C"`, the order the queries ask for: the first migration's `(tenant, created, id)` index is in
 *   the database's collation, which such an ORDER BY cannot use.
 * - groups: the same order for PostgreSQL's byte-by-byte ids (SQLite's first index already serves it).
 * - user_counts: each tenant's live users, kept by every write of the user index (each engine's user-index.ts) in
 *   the write's own transaction or statement, so `totalResults` and `count=0` read one row instead of counting
 *   100,000 index entries (20 ms on PostgreSQL, as long as the page itself). Filled here from the rows as they are.
 */
export const liveOrderIndexes: Migration = {
  version: 5,
  name: 'live-order-indexes',
  statements: (d) => [
    `CREATE INDEX users_tenant_live_created_id ON users (tenant, created, id ${d.bytewise}) WHERE deleted_at IS NULL`,
    ...(d.bytewise === '' ? [] : [`CREATE INDEX groups_tenant_created_id_bytewise ON groups (tenant, created, id ${d.bytewise})`]),
    'CREATE TABLE user_counts (tenant TEXT NOT NULL PRIMARY KEY, live INTEGER NOT NULL)',
    'INSERT INTO user_counts (tenant, live) SELECT tenant, COUNT(*) FROM users WHERE deleted_at IS NULL GROUP BY tenant',
  ],
};
