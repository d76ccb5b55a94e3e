import type { Pool } from 'pg';
import { foldCase } from '../fold-case.js';
import type { GroupRef, GroupStore, StoredGroup } from '../store.js';
import { BYTEWISE } from './collation.js';
import { groupParams, rowToGroup, type GroupRow } from './row-mapping.js';
import type { Statement, StatementMaker } from './statements.js';
import { withTransaction } from './transaction.js';

// Each group comes with its members, in the order they were put, in the same round trip.
const SELECT = `SELECT g.tenant, g.id, g.display_name, g.external_id, g.resource, g.created, g.last_modified,
    ARRAY(SELECT m.user_id FROM group_members m WHERE m.tenant = g.tenant AND m.group_id = g.id ORDER BY m.position)
      AS member_ids
  FROM groups g`;
const ORDER = `ORDER BY g.created, g.id ${BYTEWISE}`;
// A page that does not show members does not read them.
const SELECT_WITHOUT_MEMBERS = `SELECT g.tenant, g.id, g.display_name, g.external_id, g.resource, g.created, g.last_modified,
    ARRAY[]::text[] AS member_ids
  FROM groups g`;
const AFTER = `AND (g.created, g.id ${BYTEWISE}) > ($2, $3 ${BYTEWISE})`;

const UPSERT = `INSERT INTO groups (tenant, id, display_name, display_name_lower, external_id, resource, created,
    last_modified)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (tenant, id) DO UPDATE SET display_name = excluded.display_name,
    display_name_lower = excluded.display_name_lower, external_id = excluded.external_id,
    resource = excluded.resource, created = excluded.created, last_modified = excluded.last_modified`;
const INSERT_MEMBERS = `INSERT INTO group_members (tenant, group_id, user_id, position)
  SELECT $1, $2, m.user_id, (m.ordinal - 1)::int FROM unnest($3::text[]) WITH ORDINALITY AS m(user_id, ordinal)`;

/**
 * The groups the bridge keeps itself, for upstreams that have none, on PostgreSQL. Members live in `group_members`
 * with their position, so a group reads back with its members in the order they were put (RFC 7643 §4.2
 * `members`); a member id appears once per group, at its first position. A put is one transaction whose upsert
 * locks the group's row, so concurrent puts of one group apply one after the other and never mix member lists.
 */
export function createPostgresGroupStore(pool: Pool, statement: StatementMaker): GroupStore {
  const byId = statement('groups.get', `${SELECT} WHERE g.tenant = $1 AND g.id = $2`);
  const byDisplayName = statement('groups.by-display-name', `${SELECT} WHERE g.tenant = $1 AND g.display_name_lower = $2 ${ORDER}`);
  const all = statement('groups.list', `${SELECT} WHERE g.tenant = $1 ${ORDER}`);
  const pages = {
    from: statement('groups.page-from', `${SELECT} WHERE g.tenant = $1 ${ORDER} LIMIT $2 OFFSET $3`),
    after: statement('groups.page-after', `${SELECT} WHERE g.tenant = $1 ${AFTER} ${ORDER} LIMIT $4 OFFSET $5`),
    bareFrom: statement('groups.page-from-bare', `${SELECT_WITHOUT_MEMBERS} WHERE g.tenant = $1 ${ORDER} LIMIT $2 OFFSET $3`),
    bareAfter: statement('groups.page-after-bare', `${SELECT_WITHOUT_MEMBERS} WHERE g.tenant = $1 ${AFTER} ${ORDER} LIMIT $4 OFFSET $5`),
  };
  const count = statement('groups.count', 'SELECT COUNT(*)::int AS n FROM groups WHERE tenant = $1');
  const upsert = statement('groups.upsert', UPSERT);
  const deleteMembers = statement('groups.delete-members', 'DELETE FROM group_members WHERE tenant = $1 AND group_id = $2');
  const insertMembers = statement('groups.insert-members', INSERT_MEMBERS);
  const remove = statement('groups.remove', 'DELETE FROM groups WHERE tenant = $1 AND id = $2');
  const idsOfUser = statement('groups.ids-of-user', `SELECT group_id FROM group_members WHERE tenant = $1 AND user_id = $2 ORDER BY group_id ${BYTEWISE}`);
  const refsOfUser = statement(
    'groups.of-user',
    `SELECT g.id AS id, g.display_name AS "displayName" FROM group_members m
      JOIN groups g ON g.tenant = m.tenant AND g.id = m.group_id
      WHERE m.tenant = $1 AND m.user_id = $2 ORDER BY m.group_id ${BYTEWISE}`,
  );
  const refsOfUsers = statement(
    'groups.of-users',
    `SELECT m.user_id AS "userId", g.id AS id, g.display_name AS "displayName" FROM group_members m
      JOIN groups g ON g.tenant = m.tenant AND g.id = m.group_id
      WHERE m.tenant = $1 AND m.user_id = ANY($2::text[]) ORDER BY m.group_id ${BYTEWISE}`,
  );
  const removeMemberEverywhere = statement(
    'groups.remove-member-everywhere',
    'DELETE FROM group_members WHERE tenant = $1 AND user_id = $2 RETURNING group_id',
  );

  const many = async (query: Statement, values: unknown[]): Promise<StoredGroup[]> => (await pool.query<GroupRow>(query(values))).rows.map(rowToGroup);
  const groupIds = async (query: Statement, values: unknown[]): Promise<string[]> =>
    (await pool.query<{ group_id: string }>(query(values))).rows.map((r) => r.group_id);

  return {
    async get(tenant, id) {
      return (await many(byId, [tenant, id]))[0];
    },
    findByDisplayName: (tenant, displayName) => many(byDisplayName, [tenant, foldCase(displayName)]),
    list: (tenant) => many(all, [tenant]),
    page(tenant, { after, offset = 0, limit, members }) {
      if (after) return many(members ? pages.after : pages.bareAfter, [tenant, after.created, after.id, limit, offset]);
      return many(members ? pages.from : pages.bareFrom, [tenant, limit, offset]);
    },
    async count(tenant) {
      return (await pool.query<{ n: number }>(count([tenant]))).rows[0]?.n ?? 0;
    },
    async put(group) {
      await withTransaction(pool, async (client) => {
        await client.query(upsert(groupParams(group)));
        await client.query(deleteMembers([group.tenant, group.id]));
        const memberIds = [...new Set(group.memberIds)];
        if (memberIds.length > 0) await client.query(insertMembers([group.tenant, group.id, memberIds]));
      });
    },
    async remove(tenant, id) {
      await pool.query(remove([tenant, id]));
    },
    groupIdsOfUser: (tenant, userId) => groupIds(idsOfUser, [tenant, userId]),
    async groupsOfUser(tenant, userId) {
      return (await pool.query<GroupRef>(refsOfUser([tenant, userId]))).rows;
    },
    // One round trip for a page of users, not one per user.
    async groupsOfUsers(tenant, userIds) {
      const refs = new Map<string, GroupRef[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return refs;
      const rows = (await pool.query<GroupRef & { userId: string }>(refsOfUsers([tenant, [...new Set(userIds)]]))).rows;
      for (const { userId, id, displayName } of rows) refs.get(userId)?.push({ id, displayName });
      return refs;
    },
    // One statement: the memberships it deletes are exactly the ones it reports (sorted, as SQLite reports them).
    removeMemberEverywhere: async (tenant, userId) => (await groupIds(removeMemberEverywhere, [tenant, userId])).sort(),
  };
}
