import { Client } from 'pg';
import { USER_SCHEMA } from '../../src/scim/resource.js';
import { userParams } from '../../src/store/postgres/row-mapping.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { IndexedUser } from '../../src/store/store.js';

export const BIG_TENANT = 'big';
const BATCH = 1_000;

/** Every 100th seeded user has this title: the unindexed filter's matches. */
export const RARE_TITLE = 'Centurion';
export const seededUserName = (i: number): string => `big.user${String(i).padStart(6, '0')}@example.com`;

/** The i-th seeded user: an ordinary employee record, as a reconcile of a Zuora tenant would index it. */
function seededUser(i: number): IndexedUser {
  const userName = seededUserName(i);
  const created = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
  return {
    tenant: BIG_TENANT,
    id: `0${((i * 2_654_435_761) % 4_294_967_296).toString(16).padStart(8, '0')}-${i.toString(36)}`,
    upstreamId: `2c92c0f8${i.toString(16).padStart(24, '0')}`,
    userName,
    externalId: `ext-${i}`,
    active: true,
    resource: {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: `Given${i % 977}`, familyName: `Family${i % 1009}` },
      displayName: `Given${i % 977} Family${i % 1009}`,
      emails: [{ value: userName, type: 'work', primary: true }],
      title: i % 100 === 0 ? RARE_TITLE : 'Staff',
      active: true,
    },
    created,
    lastModified: created,
    deletedAt: undefined,
    upstreamState: { profile: 'Standard User', status: 'Active' },
  };
}

function* batches(users: number): Generator<IndexedUser[]> {
  for (let from = 0; from < users; from += BATCH) {
    yield Array.from({ length: Math.min(BATCH, users - from) }, (_, k) => seededUser(from + k));
  }
}

/** Seed `users` into a fresh SQLite file through the store itself (its own migrations and writes). */
export async function seedSqlite(path: string, users: number): Promise<void> {
  const store = createSqliteStore({ path });
  try {
    for (const batch of batches(users)) await store.users.putMany(batch);
  } finally {
    await store.close();
  }
}

/**
 * Seed `users` into a fresh schema: migrated by the store, then rows inserted 1,000 to a statement (the store's own
 * put is one round trip per row), then `VACUUM ANALYZE`, as autovacuum would leave a table that has stopped growing.
 */
export async function seedPostgres(connectionString: string, schema: string, users: number): Promise<void> {
  await (await createPostgresStore({ connectionString, schema })).close();
  const client = new Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const columns =
      'tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource, created, last_modified, deleted_at, upstream_state, synced';
    for (const batch of batches(users)) {
      const values = batch.flatMap(userParams);
      const rows = batch.map((_, r) => `(${Array.from({ length: 13 }, (_, c) => `$${r * 13 + c + 1}`).join(', ')})`);
      await client.query(`INSERT INTO users (${columns}) VALUES ${rows.join(', ')}`, values);
    }
    await client.query('VACUUM ANALYZE users');
  } finally {
    await client.end();
  }
}
