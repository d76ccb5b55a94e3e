import type { Pool, PoolClient } from 'pg';
import { foldCase } from '../fold-case.js';
import type { IndexedUser, UserIndexStore } from '../store.js';
import { BYTEWISE } from './collation.js';
import { USER_COLUMNS, rowToUser, userParams, type UserRow } from './row-mapping.js';
import { withTransaction } from './transaction.js';

const SELECT = `SELECT ${USER_COLUMNS} FROM users`;
const ORDER = `ORDER BY created, id ${BYTEWISE}`;

// A put replaces the row with the same SCIM id and the row with the same upstream id: a revived upstream user
// moves to a new SCIM id, and its old id must stop resolving.
const DELETE_CLASHING = 'DELETE FROM users WHERE tenant = $1 AND (id = $2 OR upstream_id = $3)';
const INSERT = `INSERT INTO users (tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource,
    created, last_modified, deleted_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

// The user-index writes of one tenant take turns, across connections and replicas. Otherwise two puts of one user
// (the same IdP retry reaching two replicas, or a revival moving it to a new SCIM id) or two reconcilers' batches in
// different orders would fail on a unique index or deadlock. Writes are short next to the upstream call before
// each one. Keyed by schema too, so stores in different schemas never wait on each other; a hash collision only
// makes two tenants take turns.
const LOCK_TENANT = `SELECT pg_advisory_xact_lock(hashtextextended(concat_ws('/', 'users', current_schema(), $1::text), 0))`;

async function putOne(client: PoolClient, user: IndexedUser): Promise<void> {
  await client.query(DELETE_CLASHING, [user.tenant, user.id, user.upstreamId]);
  await client.query(INSERT, userParams(user));
}

/**
 * The local user index on PostgreSQL. `findByUserName` answers the IdP's `filter=userName eq "…"` before every
 * create (RFC 7644 §3.4.2.2) from the `(tenant, user_name_lower)` index. A put is one transaction that takes the
 * tenant's turn, deletes the rows with the same SCIM id or the same upstream id, and inserts.
 */
export function createPostgresUserIndex(pool: Pool): UserIndexStore {
  const many = async (sql: string, values: unknown[]): Promise<IndexedUser[]> =>
    (await pool.query<UserRow>(sql, values)).rows.map(rowToUser);
  const one = async (sql: string, values: unknown[]): Promise<IndexedUser | undefined> =>
    (await many(sql, values))[0];
  const putAll = async (users: IndexedUser[]): Promise<void> => {
    if (users.length === 0) return;
    // Tenants in a fixed order, so that two batches spanning the same tenants cannot deadlock on their locks.
    const tenants = [...new Set(users.map((u) => u.tenant))].sort();
    await withTransaction(pool, async (client) => {
      for (const tenant of tenants) await client.query(LOCK_TENANT, [tenant]);
      for (const user of users) await putOne(client, user);
    });
  };

  return {
    get: (tenant, id) => one(`${SELECT} WHERE tenant = $1 AND id = $2`, [tenant, id]),
    getByUpstreamId: (tenant, upstreamId) =>
      one(`${SELECT} WHERE tenant = $1 AND upstream_id = $2`, [tenant, upstreamId]),
    findByUserName: (tenant, userName) =>
      many(`${SELECT} WHERE tenant = $1 AND user_name_lower = $2 ${ORDER}`, [tenant, foldCase(userName)]),
    findByExternalId: (tenant, externalId) =>
      many(`${SELECT} WHERE tenant = $1 AND external_id = $2 ${ORDER}`, [tenant, externalId]),
    listLive: (tenant) => many(`${SELECT} WHERE tenant = $1 AND deleted_at IS NULL ${ORDER}`, [tenant]),
    async countLive(tenant) {
      const result = await pool.query<{ n: number }>(
        'SELECT COUNT(*)::int AS n FROM users WHERE tenant = $1 AND deleted_at IS NULL',
        [tenant],
      );
      return result.rows[0]?.n ?? 0;
    },
    put: (user) => putAll([user]),
    putMany: putAll,
    async remove(tenant, id) {
      await pool.query('DELETE FROM users WHERE tenant = $1 AND id = $2', [tenant, id]);
    },
  };
}
