import type { Database } from 'better-sqlite3';
import type { GroupRef, GroupStore, StoredGroup } from '../store.js';
import { invalidatingAfter, type DataVersionWatch } from './read-cache.js';
import { foldCase } from '../fold-case.js';
import { groupToRow, rowToGroup, type GroupRow } from './row-mapping.js';

const COLUMNS = 'tenant, id, display_name, display_name_lower, external_id, resource, created, last_modified';

interface MemberRow {
  group_id: string;
  user_id: string;
}

/** Cached `groupsOfUser` answers: one per user an IdP reads, as many as a sync cycles through. */
const CACHED_READS = 10_000;

/**
 * The groups the bridge keeps itself, for upstreams that have none. Members live in `group_members` with their
 * position, so a group reads back with its members in the order they were put (RFC 7643 §4.2 `members`).
 * A member id appears once per group: a repeated id keeps its first position.
 */
export function createSqliteGroupStore(db: Database, watch: DataVersionWatch): GroupStore {
  const byId = db.prepare<[string, string], GroupRow>(`SELECT ${COLUMNS} FROM groups WHERE tenant = ? AND id = ?`);
  const byDisplayName = db.prepare<[string, string], GroupRow>(
    `SELECT ${COLUMNS} FROM groups WHERE tenant = ? AND display_name_lower = ? ORDER BY created, id`,
  );
  const all = db.prepare<[string], GroupRow>(`SELECT ${COLUMNS} FROM groups WHERE tenant = ? ORDER BY created, id`);
  const from = db.prepare<[string, number, number], GroupRow>(`SELECT ${COLUMNS} FROM groups WHERE tenant = ? ORDER BY created, id LIMIT ? OFFSET ?`);
  const after = db.prepare<[string, string, string, number, number], GroupRow>(
    `SELECT ${COLUMNS} FROM groups WHERE tenant = ? AND (created, id) > (?, ?) ORDER BY created, id LIMIT ? OFFSET ?`,
  );
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM groups WHERE tenant = ?');
  const membersOf = db.prepare<[string, string], MemberRow>('SELECT group_id, user_id FROM group_members WHERE tenant = ? AND group_id = ? ORDER BY position');
  const membersOfTenant = db.prepare<[string], MemberRow>('SELECT group_id, user_id FROM group_members WHERE tenant = ? ORDER BY group_id, position');
  const upsert = db.prepare<[GroupRow]>(
    `INSERT INTO groups (${COLUMNS}) VALUES (@tenant, @id, @display_name, @display_name_lower, @external_id,
      @resource, @created, @last_modified)
     ON CONFLICT (tenant, id) DO UPDATE SET display_name = excluded.display_name,
      display_name_lower = excluded.display_name_lower, external_id = excluded.external_id,
      resource = excluded.resource, created = excluded.created, last_modified = excluded.last_modified`,
  );
  const clearMembers = db.prepare<[string, string]>('DELETE FROM group_members WHERE tenant = ? AND group_id = ?');
  const insertMember = db.prepare<[string, string, string, number]>('INSERT INTO group_members (tenant, group_id, user_id, position) VALUES (?, ?, ?, ?)');
  const remove = db.prepare<[string, string]>('DELETE FROM groups WHERE tenant = ? AND id = ?');
  const groupsOfUser = db.prepare<[string, string], { group_id: string }>(
    'SELECT group_id FROM group_members WHERE tenant = ? AND user_id = ? ORDER BY group_id',
  );
  const refsOfUser = db.prepare<[string, string], GroupRef>(
    `SELECT g.id AS id, g.display_name AS displayName FROM group_members m
      JOIN groups g ON g.tenant = m.tenant AND g.id = m.group_id
      WHERE m.tenant = ? AND m.user_id = ? ORDER BY m.group_id`,
  );
  // Every write of groups or memberships drops it (invalidatingAfter below).
  const refsCache = watch.cache<readonly GroupRef[]>(CACHED_READS);
  const dropMember = db.prepare<[string, string]>('DELETE FROM group_members WHERE tenant = ? AND user_id = ?');

  const put = invalidatingAfter(
    [refsCache],
    db.transaction((group: StoredGroup) => {
      upsert.run(groupToRow(group));
      clearMembers.run(group.tenant, group.id);
      [...new Set(group.memberIds)].forEach((userId, position) => insertMember.run(group.tenant, group.id, userId, position));
    }),
  );
  const removeMemberEverywhere = invalidatingAfter(
    [refsCache],
    db.transaction((tenant: string, userId: string) => {
      const changed = groupsOfUser.all(tenant, userId).map((r) => r.group_id);
      dropMember.run(tenant, userId);
      return changed;
    }),
  );
  const removeGroup = invalidatingAfter([refsCache], (tenant: string, id: string) => remove.run(tenant, id));

  const readRefs = (tenant: string, userId: string): readonly GroupRef[] =>
    refsCache.read(`${tenant}\u0000${userId}`, () => Object.freeze(refsOfUser.all(tenant, userId).map((r) => Object.freeze(r))));

  const withMembers = (tenant: string, rows: GroupRow[]): StoredGroup[] => {
    if (rows.length === 0) return [];
    const members = new Map<string, string[]>();
    for (const m of membersOfTenant.all(tenant)) {
      const list = members.get(m.group_id);
      if (list) list.push(m.user_id);
      else members.set(m.group_id, [m.user_id]);
    }
    return rows.map((r) => rowToGroup(r, members.get(r.id) ?? []));
  };

  return {
    async get(tenant, id) {
      const row = byId.get(tenant, id);
      return (
        row &&
        rowToGroup(
          row,
          membersOf.all(tenant, id).map((m) => m.user_id),
        )
      );
    },
    async findByDisplayName(tenant, displayName) {
      const rows = byDisplayName.all(tenant, foldCase(displayName));
      return rows.map((r) =>
        rowToGroup(
          r,
          membersOf.all(tenant, r.id).map((m) => m.user_id),
        ),
      );
    },
    async list(tenant) {
      return withMembers(tenant, all.all(tenant));
    },
    async page(tenant, page) {
      const offset = page.offset ?? 0;
      const rows = page.after ? after.all(tenant, page.after.created, page.after.id, page.limit, offset) : from.all(tenant, page.limit, offset);
      return rows.map((r) => rowToGroup(r, page.members ? membersOf.all(tenant, r.id).map((m) => m.user_id) : []));
    },
    async count(tenant) {
      return count.get(tenant)?.n ?? 0;
    },
    async put(group) {
      put(group);
    },
    async remove(tenant, id) {
      removeGroup(tenant, id);
    },
    async groupIdsOfUser(tenant, userId) {
      return groupsOfUser.all(tenant, userId).map((r) => r.group_id);
    },
    async groupsOfUser(tenant, userId) {
      return readRefs(tenant, userId);
    },
    // SQLite answers each from its cache or a seek, with no round trip to save.
    async groupsOfUsers(tenant, userIds) {
      return new Map(userIds.map((id) => [id, readRefs(tenant, id)]));
    },
    async removeMemberEverywhere(tenant, userId) {
      return removeMemberEverywhere(tenant, userId);
    },
  };
}
