import type { Pool, PoolClient } from 'pg';
import { foldCase } from '../fold-case.js';
import type { GuardedPut, IndexedUser, UserIndexStore } from '../store.js';
import { unchangedSince } from '../guarded-put.js';
import { BYTEWISE } from './collation.js';
import { USER_COLUMNS, rowToUser, userParams, type UserRow } from './row-mapping.js';
import type { Statement, StatementMaker } from './statements.js';
import { withTransaction } from './transaction.js';

const SELECT = `SELECT ${USER_COLUMNS} FROM users`;
const ORDER = `ORDER BY created, id ${BYTEWISE}`;

// A put replaces the row with the same SCIM id and the row with the same upstream id: a revived upstream user
// moves to a new SCIM id, and its old id must stop resolving.
const DELETE_CLASHING = 'DELETE FROM users WHERE tenant = $1 AND (id = $2 OR upstream_id = $3) RETURNING deleted_at IS NULL AS live';
// The tenant's live-user count (migration 5) moves with every write, in the write's own transaction or statement.
const ADD_LIVE = `INSERT INTO user_counts (tenant, live) VALUES ($1, $2)
  ON CONFLICT (tenant) DO UPDATE SET live = user_counts.live + excluded.live`;
// One statement, so the count moves exactly when the row goes.
const REMOVE = `WITH gone AS (DELETE FROM users WHERE tenant = $1 AND id = $2 RETURNING deleted_at)
  UPDATE user_counts SET live = live - (SELECT COUNT(*) FROM gone WHERE deleted_at IS NULL)
  WHERE tenant = $1 AND EXISTS (SELECT 1 FROM gone WHERE deleted_at IS NULL)`;
const INSERT = `INSERT INTO users (tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource,
    created, last_modified, deleted_at, upstream_state, synced)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

// The user-index writes of one tenant take turns, across connections and replicas. Otherwise two puts of one user
// (the same IdP retry reaching two replicas, or a revival moving it to a new SCIM id) or two reconcilers' batches in
// different orders would fail on a unique index or deadlock. Writes are short next to the upstream call before
// each one. Keyed by schema too, so stores in different schemas never wait on each other; a hash collision only
// makes two tenants take turns.
const LOCK_TENANT = `SELECT pg_advisory_xact_lock(hashtextextended(concat_ws('/', 'users', current_schema(), $1::text), 0))`;

/**
 * The local user index on PostgreSQL. `findByUserName` answers the IdP's `filter=userName eq "…"` before every
 * create (RFC 7644 §3.4.2.2) from the `(tenant, user_name_lower)` index. A put is one transaction that takes the
 * tenant's turn, deletes the rows with the same SCIM id or the same upstream id, and inserts.
 */
export function createPostgresUserIndex(pool: Pool, statement: StatementMaker): UserIndexStore {
  const byId = statement('users.get', `${SELECT} WHERE tenant = $1 AND id = $2`);
  const byUpstreamId = statement('users.by-upstream-id', `${SELECT} WHERE tenant = $1 AND upstream_id = $2`);
  const byUserName = statement('users.by-user-name', `${SELECT} WHERE tenant = $1 AND user_name_lower = $2 ${ORDER}`);
  const byExternalId = statement('users.by-external-id', `${SELECT} WHERE tenant = $1 AND external_id = $2 ${ORDER}`);
  const live = statement('users.live', `${SELECT} WHERE tenant = $1 AND deleted_at IS NULL ${ORDER}`);
  // The live users' order index (migration 5): the inner select reads index entries only (an index-only scan once
  // the table is vacuumed), so an offset of 99,900 does not fetch the 99,900 rows it skips; the outer one fetches a page.
  const livePage = (where: string, n: number) =>
    `${SELECT} WHERE (tenant, id) IN (SELECT tenant, id FROM users WHERE tenant = $1 AND deleted_at IS NULL ${where}
      ORDER BY created, id ${BYTEWISE} LIMIT $${n} OFFSET $${n + 1}) ${ORDER}`;
  const liveFrom = statement('users.live-from', livePage('', 2));
  const liveAfter = statement('users.live-after', livePage(`AND (created, id ${BYTEWISE}) > ($2, $3 ${BYTEWISE})`, 4));
  const countLive = statement('users.count-live', 'SELECT live AS n FROM user_counts WHERE tenant = $1');
  const addLive = statement('users.add-live', ADD_LIVE);
  const remove = statement('users.remove', REMOVE);
  const lockTenant = statement('users.lock-tenant', LOCK_TENANT);
  const deleteClashing = statement('users.delete-clashing', DELETE_CLASHING);
  const insert = statement('users.insert', INSERT);
  const holding = statement('users.holding', 'SELECT id, last_modified FROM users WHERE tenant = $1 AND (id = $2 OR upstream_id = $3)');

  const many = async (query: Statement, values: unknown[]): Promise<IndexedUser[]> => (await pool.query<UserRow>(query(values))).rows.map(rowToUser);
  const one = async (query: Statement, values: unknown[]): Promise<IndexedUser | undefined> => (await many(query, values))[0];
  const putOne = async (client: PoolClient, user: IndexedUser): Promise<number> => {
    const gone = (await client.query<{ live: boolean }>(deleteClashing([user.tenant, user.id, user.upstreamId]))).rows.filter((r) => r.live).length;
    await client.query(insert(userParams(user)));
    return (user.deletedAt === undefined ? 1 : 0) - gone;
  };
  const putAll = async (users: IndexedUser[]): Promise<void> => {
    if (users.length === 0) return;
    // Tenants in a fixed order, so that two batches spanning the same tenants cannot deadlock on their locks.
    const tenants = [...new Set(users.map((u) => u.tenant))].sort();
    await withTransaction(pool, async (client) => {
      for (const tenant of tenants) await client.query(lockTenant([tenant]));
      const delta = new Map<string, number>();
      for (const user of users) delta.set(user.tenant, (delta.get(user.tenant) ?? 0) + (await putOne(client, user)));
      await addLiveCounts(client, delta);
    });
  };
  /** The live-user counts moved by a transaction's puts, tenants in order (as their locks were taken). */
  const addLiveCounts = async (client: PoolClient, delta: ReadonlyMap<string, number>): Promise<void> => {
    for (const [tenant, n] of [...delta].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n !== 0) await client.query(addLive([tenant, n]));
    }
  };

  const putGuarded = async (puts: readonly GuardedPut[]): Promise<string[]> => {
    if (puts.length === 0) return [];
    const tenants = [...new Set(puts.map((p) => p.user.tenant))].sort();
    return withTransaction(pool, async (client) => {
      for (const tenant of tenants) await client.query(lockTenant([tenant]));
      const written: string[] = [];
      const delta = new Map<string, number>();
      for (const p of puts) {
        const held = await client.query<{ id: string; last_modified: string }>(holding([p.user.tenant, p.user.id, p.user.upstreamId]));
        if (!unchangedSince(p, held.rows)) continue;
        delta.set(p.user.tenant, (delta.get(p.user.tenant) ?? 0) + (await putOne(client, p.user)));
        written.push(p.user.id);
      }
      await addLiveCounts(client, delta);
      return written;
    });
  };

  return {
    get: (tenant, id) => one(byId, [tenant, id]),
    getByUpstreamId: (tenant, upstreamId) => one(byUpstreamId, [tenant, upstreamId]),
    findByUserName: (tenant, userName) => many(byUserName, [tenant, foldCase(userName)]),
    findByExternalId: (tenant, externalId) => many(byExternalId, [tenant, externalId]),
    listLive: (tenant) => many(live, [tenant]),
    pageLive: (tenant, { after, offset = 0, limit }) =>
      after ? many(liveAfter, [tenant, after.created, after.id, limit, offset]) : many(liveFrom, [tenant, limit, offset]),
    async countLive(tenant) {
      return (await pool.query<{ n: number }>(countLive([tenant]))).rows[0]?.n ?? 0;
    },
    put: (user) => putAll([user]),
    putMany: putAll,
    putManyUnlessChanged: putGuarded,
    async remove(tenant, id) {
      await pool.query(remove([tenant, id]));
    },
  };
}
