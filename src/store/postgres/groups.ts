import type { Pool } from 'pg';
import { foldCase } from '../fold-case.js';
import type { GroupRef, GroupStore, StoredGroup } from '../store.js';
import { BYTEWISE } from './collation.js';
import { groupParams, rowToGroup, type GroupRow } from './row-mapping.js';
import { withTransaction } from './transaction.js';

// Each group comes with its members, in the order they were put, in the same round trip.
const SELECT = `SELECT g.tenant, g.id, g.display_name, g.external_id, g.resource, g.created, g.last_modified,
    ARRAY(SELECT m.user_id FROM group_members m WHERE m.tenant = g.tenant AND m.group_id = g.id ORDER BY m.position)
      AS member_ids
  FROM groups g`;
const ORDER = `ORDER BY g.created, g.id ${BYTEWISE}`;

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
export function createPostgresGroupStore(pool: Pool): GroupStore {
  const many = async (sql: string, values: unknown[]): Promise<StoredGroup[]> =>
    (await pool.query<GroupRow>(sql, values)).rows.map(rowToGroup);
  const groupIds = async (sql: string, values: unknown[]): Promise<string[]> =>
    (await pool.query<{ group_id: string }>(sql, values)).rows.map((r) => r.group_id);

  return {
    async get(tenant, id) {
      return (await many(`${SELECT} WHERE g.tenant = $1 AND g.id = $2`, [tenant, id]))[0];
    },
    findByDisplayName: (tenant, displayName) =>
      many(`${SELECT} WHERE g.tenant = $1 AND g.display_name_lower = $2 ${ORDER}`, [tenant, foldCase(displayName)]),
    list: (tenant) => many(`${SELECT} WHERE g.tenant = $1 ${ORDER}`, [tenant]),
    async count(tenant) {
      const result = await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM groups WHERE tenant = $1', [
        tenant,
      ]);
      return result.rows[0]?.n ?? 0;
    },
    async put(group) {
      await withTransaction(pool, async (client) => {
        await client.query(UPSERT, groupParams(group));
        await client.query('DELETE FROM group_members WHERE tenant = $1 AND group_id = $2', [group.tenant, group.id]);
        const memberIds = [...new Set(group.memberIds)];
        if (memberIds.length > 0) await client.query(INSERT_MEMBERS, [group.tenant, group.id, memberIds]);
      });
    },
    async remove(tenant, id) {
      await pool.query('DELETE FROM groups WHERE tenant = $1 AND id = $2', [tenant, id]);
    },
    groupIdsOfUser: (tenant, userId) =>
      groupIds(`SELECT group_id FROM group_members WHERE tenant = $1 AND user_id = $2 ORDER BY group_id ${BYTEWISE}`, [
        tenant,
        userId,
      ]),
    async groupsOfUser(tenant, userId) {
      const result = await pool.query<GroupRef>(
        `SELECT g.id AS id, g.display_name AS "displayName" FROM group_members m
          JOIN groups g ON g.tenant = m.tenant AND g.id = m.group_id
          WHERE m.tenant = $1 AND m.user_id = $2 ORDER BY m.group_id ${BYTEWISE}`,
        [tenant, userId],
      );
      return result.rows;
    },
    // One statement: the memberships it deletes are exactly the ones it reports (sorted, as SQLite reports them).
    removeMemberEverywhere: async (tenant, userId) =>
      (
        await groupIds('DELETE FROM group_members WHERE tenant = $1 AND user_id = $2 RETURNING group_id', [
          tenant,
          userId,
        ])
      ).sort(),
  };
}
