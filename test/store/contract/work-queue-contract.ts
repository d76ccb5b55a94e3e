import { describe, expect, it } from 'vitest';
import type { WorkClaim, WorkQueueStore } from '../../../src/store/store.js';
import { T1, T2, at } from './fixtures.js';

const Q = 'zia.deletions';

/** A claim by `owner` at minute `minutes`, for a lease of `leaseMinutes`. */
const claimAt = (owner: string, minutes: number, limit = 10, leaseMinutes = 5): WorkClaim => ({
  owner,
  now: at(minutes),
  leaseUntil: at(minutes + leaseMinutes),
  limit,
});
const keysOf = (items: { key: string }[]) => items.map((i) => i.key);

/** The behaviour of {@link WorkQueueStore}, for every engine and the in-memory queue. */
export function describeWorkQueueContract(queue: () => WorkQueueStore): void {
  describe('work queue', () => {
    it('holds one item per key: a second enqueue adds no row and keeps the payload', async () => {
      expect(await queue().enqueue(T1, Q, '7', 'first', at(0))).toBe(true);
      expect(await queue().enqueue(T1, Q, '7', 'second', at(1))).toBe(false);
      const [item, ...rest] = await queue().claim(T1, Q, claimAt('a', 2));
      expect(rest).toEqual([]);
      expect(item).toMatchObject({
        key: '7',
        payload: 'first',
        enqueuedAt: at(0),
        lastEnqueuedAt: at(1),
        revision: 1,
        attempts: 1,
        claimedBy: 'a',
        claimedUntil: at(7),
      });
      expect((await queue().summary(T1, Q, at(2))).total).toBe(1);
    });

    it('claims ready items oldest first, at most `limit`, and no other claim takes them while the lease lasts', async () => {
      for (const [key, minute] of [
        ['c', 0],
        ['a', 1],
        ['b', 1],
      ] as const)
        await queue().enqueue(T1, Q, key, '', at(minute));
      expect(keysOf(await queue().claim(T1, Q, claimAt('first', 2, 2)))).toEqual(['c', 'a']);
      expect(keysOf(await queue().claim(T1, Q, claimAt('second', 3)))).toEqual(['b']);
      expect(await queue().claim(T1, Q, claimAt('third', 6.9))).toEqual([]);
    });

    it("gives a dead worker's items to another once its lease has run out", async () => {
      await queue().enqueue(T1, Q, '1', '', at(0));
      await queue().claim(T1, Q, claimAt('dead', 0, 10, 5));
      expect(await queue().claim(T1, Q, claimAt('survivor', 4))).toEqual([]);
      const [taken] = await queue().claim(T1, Q, claimAt('survivor', 5));
      expect(taken).toMatchObject({ key: '1', claimedBy: 'survivor', attempts: 2 });
      // The dead worker's lease is no longer its own: it cannot extend or release it.
      expect(await queue().renew(T1, Q, 'dead', ['1'], at(30))).toEqual([]);
      await queue().release(T1, Q, 'dead', ['1'], { notBefore: at(5) });
      expect((await queue().summary(T1, Q, at(6))).ready).toBe(0);
    });

    it('never hands one item to two of many simultaneous claims', async () => {
      for (let i = 0; i < 12; i++) await queue().enqueue(T1, Q, `k${String(i).padStart(2, '0')}`, '', at(0));
      const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => queue().claim(T1, Q, claimAt(`w${i}`, 1, 1))));
      const taken = claims.flatMap(keysOf);
      expect(taken).toHaveLength(12);
      expect(new Set(taken).size).toBe(12);
    });

    it('renews the lease of the keys the worker holds, and only those', async () => {
      await queue().enqueue(T1, Q, '1', '', at(0));
      await queue().enqueue(T1, Q, '2', '', at(0));
      await queue().claim(T1, Q, claimAt('a', 0, 1));
      expect(await queue().renew(T1, Q, 'a', ['1', '2', 'never'], at(20))).toEqual(['1']);
      expect(keysOf(await queue().claim(T1, Q, claimAt('b', 10)))).toEqual(['2']);
    });

    it('deletes a completed item, and keeps one enqueued again after its claim, due as of that enqueue', async () => {
      await queue().enqueue(T1, Q, 'done', '', at(0));
      await queue().enqueue(T1, Q, 'again', 'p', at(0));
      const claimed = await queue().claim(T1, Q, claimAt('a', 1));
      await queue().enqueue(T1, Q, 'again', 'ignored', at(2));
      await queue().complete(T1, Q, claimed);
      expect(await queue().find(T1, Q, ['done', 'again'])).toEqual(['again']);
      const [again] = await queue().claim(T1, Q, claimAt('b', 3));
      expect(again).toMatchObject({ key: 'again', payload: 'p', enqueuedAt: at(2), lastEnqueuedAt: at(2), revision: 1 });
      await queue().complete(T1, Q, [again!]);
      expect((await queue().summary(T1, Q, at(4))).total).toBe(0);
    });

    it('a released item waits for its next attempt, with the error kept', async () => {
      await queue().enqueue(T1, Q, '1', '', at(0));
      await queue().claim(T1, Q, claimAt('a', 0));
      await queue().release(T1, Q, 'a', ['1'], { notBefore: at(3), error: 'ZIA answered 503' });
      expect(await queue().claim(T1, Q, claimAt('b', 2))).toEqual([]);
      const [item] = await queue().claim(T1, Q, claimAt('b', 3));
      expect(item).toMatchObject({ key: '1', notBefore: at(3), lastError: 'ZIA answered 503', attempts: 2, claimedBy: 'b' });
    });

    it('finds which keys it holds, claimed or not', async () => {
      await queue().enqueue(T1, Q, '1', '', at(0));
      await queue().enqueue(T1, Q, '2', '', at(0));
      await queue().claim(T1, Q, claimAt('a', 0, 1));
      expect((await queue().find(T1, Q, ['2', '3', '1'])).sort()).toEqual(['1', '2']);
      expect(await queue().find(T1, Q, [])).toEqual([]);
    });

    it('summarises what is ready, from when, and when the rest will be', async () => {
      expect(await queue().summary(T1, Q, at(0))).toEqual({
        total: 0,
        ready: 0,
        firstEnqueuedAt: undefined,
        lastEnqueuedAt: undefined,
        nextReadyAt: undefined,
      });
      await queue().enqueue(T1, Q, 'held', '', at(0));
      await queue().claim(T1, Q, claimAt('a', 0, 1, 10));
      await queue().enqueue(T1, Q, 'old', '', at(1));
      await queue().enqueue(T1, Q, 'new', '', at(2));
      await queue().enqueue(T1, Q, 'old', '', at(3));
      expect(await queue().summary(T1, Q, at(4))).toEqual({ total: 3, ready: 2, firstEnqueuedAt: at(1), lastEnqueuedAt: at(3), nextReadyAt: at(10) });
      const [old] = await queue().claim(T1, Q, claimAt('b', 4, 1));
      await queue().release(T1, Q, 'b', [old!.key], { notBefore: at(7) });
      expect(await queue().summary(T1, Q, at(5))).toMatchObject({ ready: 1, firstEnqueuedAt: at(2), lastEnqueuedAt: at(2), nextReadyAt: at(7) });
    });

    it('keeps tenants and queues apart', async () => {
      await queue().enqueue(T1, Q, '1', 'mine', at(0));
      await queue().enqueue(T2, Q, '1', 'theirs', at(0));
      await queue().enqueue(T1, 'zia.activation', '1', 'other queue', at(0));
      expect((await queue().claim(T2, Q, claimAt('a', 1))).map((i) => i.payload)).toEqual(['theirs']);
      expect(await queue().find(T2, Q, ['1'])).toEqual(['1']);
      await queue().complete(T2, Q, [{ key: '1', revision: 0 }]);
      expect(await queue().find(T1, Q, ['1'])).toEqual(['1']);
      expect((await queue().summary(T1, 'zia.activation', at(1))).total).toBe(1);
      expect((await queue().claim(T1, Q, claimAt('a', 1))).map((i) => i.payload)).toEqual(['mine']);
    });
  });
}
