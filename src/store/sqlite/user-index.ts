import type { Database } from 'better-sqlite3';
import type { GuardedPut, IndexedUser, UserIndexStore } from '../store.js';
import { unchangedSince } from '../guarded-put.js';
import { foldCase } from '../fold-case.js';
import { invalidatingAfter, type DataVersionWatch } from './read-cache.js';
import { rowToUser, userToRow, type UserRow } from './row-mapping.js';

const COLUMNS =
  'tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource, created, last_modified, deleted_at, ' + 'upstream_state, synced';

/** Cached answers per read: an IdP's sync cycles through every user, so at most this many stay. */
const CACHED_READS = 10_000;

/** Entries are frozen, whether cached or not: callers that share a cached answer cannot change it for each other. */
const frozenUser = (row: UserRow): IndexedUser => Object.freeze(rowToUser(row));

/**
 * The local user index on SQLite. Statements are prepared once: `findByUserName` answers the IdP's
 * `filter=userName eq "…"` before every create (RFC 7644 §3.4.2.2) from the `(tenant, user_name_lower)` index, and
 * it and `get` from a read cache (read-cache.ts) while nothing has changed.
 */

export function createSqliteUserIndex(db: Database, watch: DataVersionWatch): UserIndexStore {
  const byId = db.prepare<[string, string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant = ? AND id = ?`);
  const byUpstreamId = db.prepare<[string, string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant = ? AND upstream_id = ?`);
  const byUserName = db.prepare<[string, string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant = ? AND user_name_lower = ? ORDER BY created, id`);
  const byExternalId = db.prepare<[string, string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant = ? AND external_id = ? ORDER BY created, id`);
  const live = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE tenant = ? AND deleted_at IS NULL ORDER BY created, id`);
  // The partial index users_tenant_live_created_id (migration 5) serves both: an offset skips index entries only,
  // an `after` key seeks.
  const liveFrom = db.prepare<[string, number, number], UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE tenant = ? AND deleted_at IS NULL ORDER BY created, id LIMIT ? OFFSET ?`,
  );
  const liveAfter = db.prepare<[string, string, string, number, number], UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE tenant = ? AND deleted_at IS NULL AND (created, id) > (?, ?)
      ORDER BY created, id LIMIT ? OFFSET ?`,
  );
  // Kept by every write below (migration 5): one row, not a count of the tenant's index entries.
  const countLive = db.prepare<[string], { n: number }>('SELECT live AS n FROM user_counts WHERE tenant = ?');
  const addLive = db.prepare<[string, number]>(
    'INSERT INTO user_counts (tenant, live) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET live = live + excluded.live',
  );
  // A put replaces the row with the same SCIM id and the row with the same upstream id: a revived upstream user
  // moves to a new SCIM id, and its old id must stop resolving.
  const deleteClashing = db.prepare<[{ tenant: string; id: string; upstream_id: string }], { live: number }>(
    'DELETE FROM users WHERE tenant = @tenant AND (id = @id OR upstream_id = @upstream_id) RETURNING deleted_at IS NULL AS live',
  );
  const insert = db.prepare<[UserRow]>(
    `INSERT INTO users (${COLUMNS}) VALUES (@tenant, @id, @upstream_id, @user_name, @user_name_lower, @external_id,
      @active, @resource, @created, @last_modified, @deleted_at, @upstream_state, @synced)`,
  );
  const remove = db.prepare<[string, string], { live: number }>('DELETE FROM users WHERE tenant = ? AND id = ? RETURNING deleted_at IS NULL AS live');
  const liveIn = (rows: { live: number }[]) => rows.filter((r) => r.live).length;
  const holding = db.prepare<[{ tenant: string; id: string; upstream_id: string }], { id: string; last_modified: string }>(
    'SELECT id, last_modified FROM users WHERE tenant = @tenant AND (id = @id OR upstream_id = @upstream_id)',
  );

  const putOne = (user: IndexedUser): void => {
    const row = userToRow(user);
    const gone = liveIn(deleteClashing.all(row));
    insert.run(row);
    const delta = (user.deletedAt === undefined ? 1 : 0) - gone;
    if (delta !== 0) addLive.run(user.tenant, delta);
  };
  const byIdCache = watch.cache<IndexedUser | null>(CACHED_READS);
  const byUserNameCache = watch.cache<readonly IndexedUser[]>(CACHED_READS);
  const caches = [byIdCache, byUserNameCache];
  const putAll = invalidatingAfter(
    caches,
    db.transaction((users: IndexedUser[]) => users.forEach(putOne)),
  );
  const putGuarded = invalidatingAfter(
    caches,
    db.transaction((puts: readonly GuardedPut[]): string[] =>
      puts
        .filter((p) => unchangedSince(p, holding.all({ tenant: p.user.tenant, id: p.user.id, upstream_id: p.user.upstreamId })))
        .map((p) => {
          putOne(p.user);
          return p.user.id;
        }),
    ),
  );
  const removeOne = invalidatingAfter(
    caches,
    db.transaction((tenant: string, id: string) => {
      const gone = liveIn(remove.all(tenant, id));
      if (gone > 0) addLive.run(tenant, -gone);
    }),
  );

  return {
    async get(tenant, id) {
      const found = byIdCache.read(`${tenant}\u0000${id}`, () => {
        const row = byId.get(tenant, id);
        return row ? frozenUser(row) : null;
      });
      return found ?? undefined;
    },
    async getByUpstreamId(tenant, upstreamId) {
      const row = byUpstreamId.get(tenant, upstreamId);
      return row && frozenUser(row);
    },
    async findByUserName(tenant, userName) {
      const lower = foldCase(userName);
      const found = byUserNameCache.read(`${tenant}\u0000${lower}`, () => Object.freeze(byUserName.all(tenant, lower).map(frozenUser)));
      return [...found];
    },
    async findByExternalId(tenant, externalId) {
      return byExternalId.all(tenant, externalId).map(frozenUser);
    },
    async listLive(tenant) {
      return live.all(tenant).map(frozenUser);
    },
    async pageLive(tenant, { after, offset = 0, limit }) {
      const rows = after ? liveAfter.all(tenant, after.created, after.id, limit, offset) : liveFrom.all(tenant, limit, offset);
      return rows.map(frozenUser);
    },
    async countLive(tenant) {
      return countLive.get(tenant)?.n ?? 0;
    },
    async put(user) {
      putAll([user]);
    },
    async putMany(users) {
      putAll(users);
    },
    async putManyUnlessChanged(puts) {
      return puts.length === 0 ? [] : putGuarded(puts);
    },
    async remove(tenant, id) {
      removeOne(tenant, id);
    },
  };
}
