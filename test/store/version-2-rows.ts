import { expect } from 'vitest';
import { foldCase } from '../../src/store/fold-case.js';
import { RECOMPUTE_BATCH_SIZE } from '../../src/store/migrations/migration.js';
import type { Store } from '../../src/store/store.js';
import { T1, T2, aGroup, aUser, anAuditEntry, at } from './contract/fixtures.js';

/**
 * Rows as a version 2 store held them, folded with the old rule (a plain `toLowerCase()`), for the engines' tests of
 * migration 3 (NFC around the lower-casing): insert them with SQL of version 2, migrate, and read them back.
 */

/** `josé` in NFD (e + U+0301): the old rule kept it decomposed, so the NFC spelling did not find it. */
const nfd = (n: number) => `Jose\u0301.${n}@example.com`;
const nfc = (n: number) => `jos\u00e9.${n}@example.com`;

/** More users than two batches hold, over two tenants, so the recompute must page through them all; every fifth a tombstone. */
export const V2_USER_COUNT = 2 * RECOMPUTE_BATCH_SIZE + 7;
export const v2Users = Array.from({ length: V2_USER_COUNT }, (_, n) =>
  aUser(`u${String(n).padStart(5, '0')}`, {
    tenant: n % 2 === 0 ? T1 : T2,
    userName: n % 3 === 0 ? `plain.${n}@example.com` : nfd(n),
    created: at(n),
    deletedAt: n % 5 === 4 ? at(n + 1) : undefined,
  }),
);
export const v2Group = aGroup('g-cafe', { displayName: 'Cafe\u0301 Staff' });
export const v2Entries = [anAuditEntry('v2-named', { at: at(1), resourceName: 'E\u0301LODIE' }), anAuditEntry('v2-unnamed', { at: at(2) })];

/** One row to insert, as column → value, in the version 2 schema; `bool` gives the engine's BOOLEAN. */
export interface RowInsert {
  table: string;
  values: Record<string, unknown>;
}

export function version2Rows(bool: (b: boolean) => unknown): RowInsert[] {
  return [
    ...v2Users.map((u) => ({
      table: 'users',
      values: {
        tenant: u.tenant,
        id: u.id,
        upstream_id: u.upstreamId,
        user_name: u.userName,
        user_name_lower: u.userName.toLowerCase(),
        external_id: null,
        active: bool(u.active),
        resource: JSON.stringify(u.resource),
        created: u.created,
        last_modified: u.lastModified,
        deleted_at: u.deletedAt ?? null,
      },
    })),
    {
      table: 'groups',
      values: {
        tenant: v2Group.tenant,
        id: v2Group.id,
        display_name: v2Group.displayName,
        display_name_lower: v2Group.displayName.toLowerCase(),
        external_id: null,
        resource: JSON.stringify(v2Group.resource),
        created: v2Group.created,
        last_modified: v2Group.lastModified,
      },
    },
    ...v2Entries.map((e) => ({
      table: 'audit_log',
      values: {
        tenant: e.tenant,
        occurred_at: e.at,
        request_id: e.requestId,
        actor: e.actor,
        operation: e.operation,
        resource_type: e.resourceType,
        resource_id: e.resourceId ?? null,
        resource_name: e.resourceName ?? null,
        resource_name_lower: e.resourceName?.toLowerCase() ?? null,
        status: e.status,
        upstream_calls: JSON.stringify(e.upstreamCalls),
      },
    })),
  ];
}

/** `INSERT` with `?` placeholders for one row. */
export const insertSql = (r: RowInsert): string =>
  `INSERT INTO ${r.table} (${Object.keys(r.values).join(', ')}) VALUES (${Object.keys(r.values)
    .map(() => '?')
    .join(', ')})`;

/** The folded columns as the store holds them after the migration, read with the engine's own SQL. */
export interface FoldedColumns {
  users: { user_name: string; user_name_lower: string }[];
  audit: { resource_name: string | null; resource_name_lower: string | null }[];
}

/** After migration 3: every folded column holds the new fold, and either spelling finds the user, group and entry. */
export async function expectVersion2NamesRefolded(store: Store, folded: FoldedColumns): Promise<void> {
  expect(folded.users).toHaveLength(V2_USER_COUNT);
  for (const row of folded.users) expect(row.user_name_lower).toBe(foldCase(row.user_name));
  expect(folded.audit.map((r) => r.resource_name_lower)).toEqual(expect.arrayContaining([foldCase('E\u0301LODIE'), null]));
  expect(folded.audit.find((r) => r.resource_name === null)?.resource_name_lower).toBeNull();

  // The first and the last users of the table (first and last batch), in both spellings.
  for (const n of [1, V2_USER_COUNT - 1]) {
    const user = v2Users[n];
    if (!user) throw new Error(`no user ${n}`);
    for (const spelling of [nfc(n), nfd(n), nfc(n).toUpperCase()]) {
      expect((await store.users.findByUserName(user.tenant, spelling)).map((u) => u.id)).toEqual([user.id]);
    }
    expect((await store.users.get(user.tenant, user.id))?.userName).toBe(nfd(n));
  }
  expect((await store.users.findByUserName(T1, 'PLAIN.0@example.com')).map((u) => u.id)).toEqual(['u00000']);
  expect((await store.groups.findByDisplayName(T1, 'caf\u00e9 staff')).map((g) => g.id)).toEqual([v2Group.id]);
  expect((await store.audit.query({ resourceName: '\u00e9lodie' })).map((e) => e.requestId)).toEqual(['v2-named']);

  // Migration 5 counted each tenant's live users, and the writes after it keep counting.
  const live = (tenant: string) => v2Users.filter((u) => u.tenant === tenant && u.deletedAt === undefined).length;
  expect([await store.users.countLive(T1), await store.users.countLive(T2)]).toEqual([live(T1), live(T2)]);
  expect((await store.users.pageLive(T2, { offset: live(T2) - 1, limit: 10 })).length).toBe(1);
  await store.users.put(aUser('after-migration', { created: at(V2_USER_COUNT) }));
  await store.users.remove(T2, 'u00001');
  expect([await store.users.countLive(T1), await store.users.countLive(T2)]).toEqual([live(T1) + 1, live(T2) - 1]);
}
