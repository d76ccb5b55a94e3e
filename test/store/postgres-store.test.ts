import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { POSTGRES_TEST_URL, adminQuery, createPostgresStoreForTests, freshSchemaName } from '../support/postgres-test-store.js';
import { T1, aClaim, aGroup, anAuditEntry, aUser, at } from './contract/fixtures.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('postgresql', () => createPostgresStoreForTests());

/**
 * Runs `test` with two stores, each with a pool of its own, on one schema: two replicas of the bridge. A deadlock,
 * were there one, is detected (and fails the test) after 50 ms rather than the server's default second.
 */
async function withTwoReplicas(test: (a: Store, b: Store) => Promise<void>): Promise<void> {
  const schema = freshSchemaName();
  const pool = { options: '-c deadlock_timeout=50' };
  const a = await createPostgresStoreForTests({ schema, pool });
  const b = await createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema, pool });
  try {
    await test(a, b);
  } finally {
    await b.close();
    await a.close();
  }
}

describe('PostgreSQL store', () => {
  it('keeps every kind of record across close and reopen', async () => {
    const schema = freshSchemaName();
    const user = aUser('u1', { externalId: 'e1' });
    const group = aGroup('g1', { memberIds: ['u1'] });
    const entry = anAuditEntry('r1', { resourceId: 'u1', upstreamCalls: ['POST /v1/users 201 9ms'] });
    const first = await createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema });
    await first.users.put(user);
    await first.groups.put(group);
    await first.idempotency.claim(aClaim('k1'));
    await first.audit.append(entry);
    await first.state.set(T1, 'watermark', 'w1');
    await first.close();

    const second = await createPostgresStoreForTests({ schema });
    expect(await second.users.get(T1, 'u1')).toEqual(user);
    expect(await second.groups.get(T1, 'g1')).toEqual(group);
    expect((await second.idempotency.claim(aClaim('k1', {}, 1)))?.state).toBe('inFlight');
    expect(await second.audit.query({ tenant: T1 })).toEqual([entry]);
    expect(await second.state.get(T1, 'watermark')).toBe('w1');
    await second.close();
  });

  it('lets exactly one of many simultaneous claims from two replicas win', async () => {
    await withTwoReplicas(async (a, b) => {
      const claims = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).idempotency.claim(aClaim('k1', { fingerprint: `claim ${i}` })));
      const results = await Promise.all(claims);
      const winner = results.findIndex((r) => r === undefined);
      expect(results.filter((r) => r === undefined)).toHaveLength(1);
      expect(results.flatMap((r) => (r ? [r.fingerprint] : []))).toEqual(Array(11).fill(`claim ${winner}`));
    });
  });

  it('lets two replicas claim one work queue at once without ever taking the same item', async () => {
    await withTwoReplicas(async (a, b) => {
      for (let i = 0; i < 40; i++) await (i % 2 === 0 ? a : b).workQueue.enqueue(T1, 'q', `item-${i}`, '', at(0));
      const claims = Array.from({ length: 30 }, (_, i) =>
        (i % 2 === 0 ? a : b).workQueue.claim(T1, 'q', { owner: `replica-${i % 2}-${i}`, now: at(1), leaseUntil: at(5), limit: 3 }),
      );
      const taken = (await Promise.all(claims)).flat().map((item) => item.key);
      expect(taken).toHaveLength(40);
      expect(new Set(taken).size).toBe(40);
    });
  });

  it('lets two replicas put the same user at once, leaving one entry', async () => {
    await withTwoReplicas(async (a, b) => {
      await a.users.put(aUser('u1'));
      const puts = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? a : b).users.put(aUser('u1', { lastModified: at(i) })));
      expect((await Promise.allSettled(puts)).filter((p) => p.status === 'rejected')).toEqual([]);
      expect(await a.users.findByUserName(T1, 'u1@example.com')).toHaveLength(1);
    });
  });

  it('lets two replicas race to put one upstream user under two SCIM ids, leaving it under one', async () => {
    await withTwoReplicas(async (a, b) => {
      const puts = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? a : b).users.put(aUser(i % 4 < 2 ? 'old-id' : 'new-id', { upstreamId: 'up-7' })));
      expect((await Promise.allSettled(puts)).filter((p) => p.status === 'rejected')).toEqual([]);
      const holder = await b.users.getByUpstreamId(T1, 'up-7');
      expect((await a.users.listLive(T1)).map((u) => u.id)).toEqual([holder?.id]);
    });
  });

  it('lets two reconcilers put the same users in opposite orders at once without a deadlock', async () => {
    await withTwoReplicas(async (a, b) => {
      const users = Array.from({ length: 20 }, (_, i) => aUser(`u${i}`));
      for (let round = 0; round < 3; round++) {
        await Promise.all([a.users.putMany(users), b.users.putMany([...users].reverse())]);
      }
      expect(await a.users.countLive(T1)).toBe(20);
    });
  });

  it('applies simultaneous puts of one group one after the other, never mixing their member lists', async () => {
    await withTwoReplicas(async (a, b) => {
      const lists = Array.from({ length: 8 }, (_, i) => [`u${i}-1`, `u${i}-2`, `u${i}-3`, 'shared']);
      const puts = lists.map((memberIds, i) => (i % 2 === 0 ? a : b).groups.put(aGroup('g1', { memberIds })));
      expect((await Promise.allSettled(puts)).filter((p) => p.status === 'rejected')).toEqual([]);
      expect(lists).toContainEqual((await b.groups.get(T1, 'g1'))?.memberIds);
    });
  });

  it('keeps stores in different schemas of one database apart', async () => {
    const [mine, theirs] = [await createPostgresStoreForTests(), await createPostgresStoreForTests()];
    await mine.users.put(aUser('u1'));
    await mine.state.set(T1, 'watermark', 'mine');
    expect(await theirs.users.get(T1, 'u1')).toBeUndefined();
    expect(await theirs.state.get(T1, 'watermark')).toBeUndefined();
    await mine.close();
    await theirs.close();
  });

  it('ends its pool on close, and closes twice without error', async () => {
    const store = await createPostgresStoreForTests();
    await store.close();
    await store.close();
    await expect(store.users.get(T1, 'u1')).rejects.toThrow();
  });

  it('refuses a schema name or pool size it could not use', async () => {
    await expect(createPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: 'a"; DROP' })).rejects.toThrow(RangeError);
    await expect(createPostgresStore({ connectionString: POSTGRES_TEST_URL, maxConnections: 0 })).rejects.toThrow(/maxConnections/);
  });

  it('says PostgreSQL is not reachable, and where, when nothing listens there', async () => {
    await expect(createPostgresStoreForTests({ connectionString: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(
      /PostgreSQL is not reachable at postgres:\/\/postgres@127\.0\.0\.1:1\/test/,
    );
  });
});

describe('PostgreSQL store in a database whose collation does not sort bytewise', () => {
  it('orders ids as SQLite does (B before a)', async () => {
    const database = `scim_bridge_icu_${freshSchemaName()}`;
    await adminQuery(`CREATE DATABASE ${database} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`);
    const url = new URL(POSTGRES_TEST_URL);
    url.pathname = `/${database}`;
    try {
      const store = await createPostgresStore({ connectionString: url.toString() });
      for (const id of ['a', 'B']) {
        await store.users.put(aUser(id));
        await store.groups.put(aGroup(id, { memberIds: ['u1'] }));
      }
      expect((await store.users.listLive(T1)).map((u) => u.id)).toEqual(['B', 'a']);
      expect((await store.groups.list(T1)).map((g) => g.id)).toEqual(['B', 'a']);
      expect(await store.groups.groupIdsOfUser(T1, 'u1')).toEqual(['B', 'a']);
      await store.close();
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  });
});
