import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LockTimeoutError } from '../../src/store/lock-timeout.js';
import { adminQuery, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { createAdvisoryLocks, lockId } from '../../src/store/postgres/advisory-locks.js';

/*
 * Two processes' lock connections on one PostgreSQL (two lock objects, each its own session): a key held by one is
 * waited for by the other; other keys are not; a session that dies gives its locks up; a wait has a limit.
 */

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});

const replica = (namespace: string, waitMs?: number) => {
  const locks = createAdvisoryLocks({ connection: { connectionString: POSTGRES_TEST_URL }, namespace, ...(waitMs ? { waitMs } : {}) });
  opened.push(locks);
  return locks;
};

describe('PostgreSQL advisory object locks', () => {
  it('serve many writers of one process at once through the one lock connection, one statement at a time', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const locks = replica(freshSchemaName());
      let inside = 0;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          locks.run([`t/user:${i}`], async () => {
            inside++;
            await sleep(1);
          }),
        ),
      );
      expect(inside).toBe(40);
      // pg warns (and pg 9 will refuse) when a client is handed a query while it runs another.
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('make a second session wait for a key the first holds, and only for that key', async () => {
    const ns = freshSchemaName();
    const a = replica(ns);
    const b = replica(ns);
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const first = a.run(['t/user:1'], async () => {
      events.push('a in');
      await held;
      events.push('a out');
    });
    await sleep(50);
    const second = b.run(['t/user:1'], async () => void events.push('b in'));
    const other = b.run(['t/user:2'], async () => void events.push('b other'));
    await other;
    await sleep(50);
    expect(events).toEqual(['a in', 'b other']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['a in', 'b other', 'a out', 'b in']);
  });

  it('are given up by a session that dies (a replica killed mid-write)', async () => {
    const ns = freshSchemaName();
    const a = replica(ns);
    const b = replica(ns, 10_000);
    let entered!: () => void;
    const inside = new Promise<void>((ok) => (entered = ok));
    void a
      .run(['t/user:9'], async () => {
        entered();
        await new Promise(() => undefined); // never finishes: the process is "killed" below
      })
      .catch(() => undefined);
    await inside;
    // Kill a's lock session from outside, as the server does when its process dies: the session holding this very lock
    // (a bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1).
    const id = BigInt.asUintN(64, BigInt(lockId(ns, 't/user:9')));
    await adminQuery(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND classid::bigint = $1 AND objid::bigint = $2",
      [String(id >> 32n), String(id & 0xffffffffn)],
    );
    const started = Date.now();
    await b.run(['t/user:9'], async () => undefined);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('give up waiting after the limit with a LockTimeoutError naming the key', async () => {
    const ns = freshSchemaName();
    const a = replica(ns);
    const b = replica(ns, 200);
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const first = a.run(['t/group:7'], () => held);
    await sleep(30);
    await expect(b.run(['t/group:7'], async () => 'never')).rejects.toThrow(LockTimeoutError);
    release();
    await first;
  });

  it('are namespaced: the same key in two schemas does not collide', async () => {
    const a = replica(freshSchemaName());
    const b = replica(freshSchemaName(), 200);
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const first = a.run(['t/user:1'], () => held);
    await sleep(30);
    await expect(b.run(['t/user:1'], async () => 'free')).resolves.toBe('free');
    release();
    await first;
  });
});
