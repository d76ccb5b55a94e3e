import { describe, expect, it } from 'vitest';
import type { OrderKey } from '../../../src/store/store.js';
import { T1, T2, aGroup, aUser, at, type StoreAccessor } from './fixtures.js';

const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);
const keyOf = (rows: { created: string; id: string }[]): OrderKey | undefined => {
  const last = rows[rows.length - 1];
  return last && { created: last.created, id: last.id };
};

/** `pageLive` and `GroupStore.page`: the reads a list and a reconcile make instead of loading a whole tenant. */
export function describePagingContract(store: StoreAccessor): void {
  describe('paged reads', () => {
    /** 7 live users of T1 in the order c0 < B1 = a1 (created) < …, two tombstones among them, one user of T2. */
    const seed = async (): Promise<string[]> => {
      const live = ['c0', 'B1', 'a1', 'd2', 'e3', 'f4', 'g5'];
      await store().users.putMany([
        ...live.map((id) => aUser(id, { created: at(Number(id.slice(1))) })),
        aUser('x1', { created: at(1), deletedAt: at(9) }),
        aUser('y3', { created: at(3), deletedAt: at(9) }),
        aUser('t2', { tenant: T2, created: at(1) }),
      ]);
      // Created, then id byte by byte: 'B1' before 'a1'.
      return ['c0', 'B1', 'a1', 'd2', 'e3', 'f4', 'g5'];
    };

    it('pages live users by offset in the order of listLive, without tombstones or other tenants', async () => {
      const order = await seed();
      expect(ids(await store().users.listLive(T1))).toEqual(order);
      expect(ids(await store().users.pageLive(T1, { offset: 0, limit: 3 }))).toEqual(order.slice(0, 3));
      expect(ids(await store().users.pageLive(T1, { offset: 3, limit: 3 }))).toEqual(order.slice(3, 6));
      expect(ids(await store().users.pageLive(T1, { offset: 6, limit: 3 }))).toEqual(order.slice(6));
      expect(await store().users.pageLive(T1, { offset: 7, limit: 3 })).toEqual([]);
      expect(ids(await store().users.pageLive(T2, { limit: 10 }))).toEqual(['t2']);
      expect(await store().users.countLive(T1)).toBe(7);
    });

    it('counts live users as they change, a count read before a write never answering after it', async () => {
      await seed();
      expect(await store().users.countLive(T1)).toBe(7);
      await store().users.put(aUser('h6', { created: at(6) }));
      expect(await store().users.countLive(T1)).toBe(8);
      await store().users.put(aUser('h6', { created: at(6), deletedAt: at(7) }));
      expect(await store().users.countLive(T1)).toBe(7);
      await store().users.remove(T1, 'c0');
      expect(await store().users.countLive(T1)).toBe(6);
      await store().users.putMany([aUser('i7', { created: at(7) }), aUser('j8', { created: at(8) })]);
      expect([await store().users.countLive(T1), await store().users.countLive(T2)]).toEqual([8, 1]);
      // The reconciler's guarded puts count too, the ones it refuses not at all.
      const written = await store().users.putManyUnlessChanged([
        { user: aUser('k9', { created: at(9) }), basis: undefined },
        { user: aUser('l9', { created: at(9) }), basis: undefined },
        { user: aUser('d2', { created: at(2), deletedAt: at(9) }), basis: at(0) },
        { user: aUser('e3', { created: at(3), deletedAt: at(9) }), basis: 'not what it holds' },
      ]);
      expect(written).toEqual(['k9', 'l9', 'd2']);
      expect(await store().users.countLive(T1)).toBe(9);
    });

    it('walks every live user exactly once by key, a page at a time, whole entries', async () => {
      const order = await seed();
      const seen: string[] = [];
      let after: OrderKey | undefined;
      for (;;) {
        const page = await store().users.pageLive(T1, { after, limit: 2 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        after = keyOf(page);
      }
      expect(seen).toEqual(order);
      expect((await store().users.pageLive(T1, { limit: 1 }))[0]).toEqual(await store().users.get(T1, 'c0'));
    });

    it('keeps its place by key when users before it are removed or created', async () => {
      await seed();
      const first = await store().users.pageLive(T1, { limit: 3 });
      await store().users.remove(T1, 'c0');
      await store().users.put(aUser('z0', { created: at(0) }));
      expect(ids(await store().users.pageLive(T1, { after: keyOf(first), limit: 10 }))).toEqual(['d2', 'e3', 'f4', 'g5']);
    });

    it('pages groups by offset and by key, with their members or without', async () => {
      await store().groups.put(aGroup('b', { created: at(2), memberIds: ['u2', 'u1'] }));
      await store().groups.put(aGroup('c', { created: at(1), memberIds: ['u3'] }));
      await store().groups.put(aGroup('A', { created: at(2), memberIds: ['u1'] }));
      await store().groups.put(aGroup('other', { tenant: T2, created: at(0) }));
      const page = await store().groups.page(T1, { offset: 1, limit: 2, members: true });
      expect(page.map((g) => [g.id, g.memberIds])).toEqual([
        ['A', ['u1']],
        ['b', ['u2', 'u1']],
      ]);
      expect(page[1]).toEqual(await store().groups.get(T1, 'b'));
      const bare = await store().groups.page(T1, { limit: 10, members: false });
      expect(bare.map((g) => [g.id, g.memberIds])).toEqual([
        ['c', []],
        ['A', []],
        ['b', []],
      ]);
      const rest = await store().groups.page(T1, { after: keyOf(bare.slice(0, 1)), limit: 10, members: true });
      expect(rest.map((g) => [g.id, g.memberIds])).toEqual([
        ['A', ['u1']],
        ['b', ['u2', 'u1']],
      ]);
    });

    it("names many users' groups at once, as groupsOfUser names each, [] for a user in none, other tenants apart", async () => {
      await store().groups.put(aGroup('g2', { displayName: 'Sales', memberIds: ['u1', 'u2'] }));
      await store().groups.put(aGroup('G1', { displayName: 'Admins', memberIds: ['u1'] }));
      await store().groups.put(aGroup('g9', { tenant: T2, displayName: 'Theirs', memberIds: ['u1'] }));
      const refs = await store().groups.groupsOfUsers(T1, ['u1', 'u2', 'u3']);
      expect(Object.fromEntries(refs)).toEqual({
        u1: [
          { id: 'G1', displayName: 'Admins' },
          { id: 'g2', displayName: 'Sales' },
        ],
        u2: [{ id: 'g2', displayName: 'Sales' }],
        u3: [],
      });
      expect(refs.get('u1')).toEqual(await store().groups.groupsOfUser(T1, 'u1'));
      expect(await store().groups.groupsOfUsers(T1, [])).toEqual(new Map());
    });
  });
}
