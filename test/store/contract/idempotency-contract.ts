import { describe, expect, it } from 'vitest';
import { T1, T2, aClaim, at, type StoreAccessor } from './fixtures.js';

export function describeIdempotencyContract(store: StoreAccessor): void {
  describe('idempotency', () => {
    it('claims a new key, then returns the in-flight record to the next claimant', async () => {
      const first = aClaim('k1', { fingerprint: 'POST /Users a' });
      expect(await store().idempotency.claim(first)).toBeUndefined();
      const retry = aClaim('k1', { fingerprint: 'POST /Users b' }, 1);
      expect(await store().idempotency.claim(retry)).toEqual(first);
    });

    it('lets exactly one of two simultaneous claims of a key win', async () => {
      const results = await Promise.all([
        store().idempotency.claim(aClaim('k1', { fingerprint: 'one' })),
        store().idempotency.claim(aClaim('k1', { fingerprint: 'two' })),
      ]);
      expect(results.filter((r) => r === undefined)).toHaveLength(1);
      // Sent at once over a pool, either may reach the store first: the loser is handed the winner's claim.
      const winner = results[0] === undefined ? 'one' : 'two';
      expect(results.find((r) => r !== undefined)?.fingerprint).toBe(winner);
    });

    it('remembers the response of a completed request for its retries', async () => {
      await store().idempotency.claim(aClaim('k1'));
      await store().idempotency.complete(T1, 'k1', 201, '{"id":"u1"}');
      expect(await store().idempotency.claim(aClaim('k1', {}, 5))).toMatchObject({
        key: 'k1',
        state: 'done',
        status: 201,
        body: '{"id":"u1"}',
      });
    });

    it('frees a released claim for the next request', async () => {
      await store().idempotency.claim(aClaim('k1', { fingerprint: 'failed attempt' }));
      await store().idempotency.release(T1, 'k1');
      expect(await store().idempotency.claim(aClaim('k1', { fingerprint: 'second attempt' }, 1))).toBeUndefined();
      expect((await store().idempotency.claim(aClaim('k1', {}, 2)))?.fingerprint).toBe('second attempt');
    });

    it('keeps a completed record when it is released', async () => {
      await store().idempotency.claim(aClaim('k1'));
      await store().idempotency.complete(T1, 'k1', 204, '');
      await store().idempotency.release(T1, 'k1');
      expect((await store().idempotency.claim(aClaim('k1', {}, 1)))?.state).toBe('done');
    });

    it('replaces a record that expired by the time of the claim', async () => {
      await store().idempotency.claim(aClaim('k1', { fingerprint: 'old' }, 0, 10));
      await store().idempotency.complete(T1, 'k1', 201, 'old body');
      expect(await store().idempotency.claim(aClaim('k1', { fingerprint: 'new' }, 10, 10))).toBeUndefined();
      expect(await store().idempotency.claim(aClaim('k1', {}, 11))).toMatchObject({
        fingerprint: 'new',
        state: 'inFlight',
        status: undefined,
        body: undefined,
        expiresAt: at(20),
      });
    });

    it('purges expired records of every tenant and counts them', async () => {
      await store().idempotency.claim(aClaim('old-1', {}, 0, 5));
      await store().idempotency.claim(aClaim('old-2', { tenant: T2 }, 0, 5));
      await store().idempotency.claim(aClaim('fresh', {}, 0, 60));
      expect(await store().idempotency.purgeExpired(at(5))).toBe(2);
      expect(await store().idempotency.purgeExpired(at(5))).toBe(0);
      expect((await store().idempotency.claim(aClaim('fresh', { fingerprint: 'retry' }, 6)))?.key).toBe('fresh');
    });
  });
}
