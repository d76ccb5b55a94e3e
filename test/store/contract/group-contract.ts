import { describe, expect, it } from 'vitest';
import { T1, aGroup, at, type StoreAccessor } from './fixtures.js';

export function describeGroupContract(store: StoreAccessor): void {
  describe('groups', () => {
    it('reads back a put group whole, members in the order they were put', async () => {
      const group = aGroup('g1', { externalId: 'ext-g1', memberIds: ['u3', 'u1', 'u2'], lastModified: at(4) });
      await store().groups.put(group);
      expect(await store().groups.get(T1, 'g1')).toEqual(group);
      expect(await store().groups.get(T1, 'g2')).toBeUndefined();
    });

    it('replaces the group and its whole member list on put', async () => {
      await store().groups.put(aGroup('g1', { displayName: 'Sales', memberIds: ['u1', 'u2', 'u3'] }));
      await store().groups.put(aGroup('g1', { displayName: 'Sales EMEA', memberIds: ['u4', 'u2'] }));
      const group = await store().groups.get(T1, 'g1');
      expect([group?.displayName, group?.memberIds]).toEqual(['Sales EMEA', ['u4', 'u2']]);
      expect(await store().groups.groupIdsOfUser(T1, 'u1')).toEqual([]);
      expect(await store().groups.count(T1)).toBe(1);
    });

    it('keeps a member put twice once, at its first position', async () => {
      await store().groups.put(aGroup('g1', { memberIds: ['u2', 'u1', 'u2'] }));
      expect((await store().groups.get(T1, 'g1'))?.memberIds).toEqual(['u2', 'u1']);
    });

    it('finds by displayName case-insensitively, keeping the case and the members', async () => {
      await store().groups.put(aGroup('g1', { displayName: 'Ops Team', memberIds: ['u1'] }));
      await store().groups.put(aGroup('g2', { displayName: 'Ops Team 2' }));
      const found = await store().groups.findByDisplayName(T1, 'ops team');
      expect(found.map((g) => [g.id, g.displayName, g.memberIds])).toEqual([['g1', 'Ops Team', ['u1']]]);
    });

    it('finds by displayName in any Unicode normalisation form', async () => {
      await store().groups.put(aGroup('g1', { displayName: 'Cafe\u0301 Staff' }));
      expect((await store().groups.findByDisplayName(T1, 'CAF\u00c9 staff')).map((g) => g.id)).toEqual(['g1']);
    });

    it('lists groups ordered by created then id, each with its own members', async () => {
      await store().groups.put(aGroup('b', { created: at(2), memberIds: ['u2', 'u1'] }));
      await store().groups.put(aGroup('c', { created: at(1) }));
      await store().groups.put(aGroup('a', { created: at(2), memberIds: ['u1'] }));
      const groups = await store().groups.list(T1);
      expect(groups.map((g) => [g.id, g.memberIds])).toEqual([
        ['c', []],
        ['a', ['u1']],
        ['b', ['u2', 'u1']],
      ]);
      expect(await store().groups.count(T1)).toBe(3);
    });

    it('tells which groups a user belongs to', async () => {
      await store().groups.put(aGroup('g2', { memberIds: ['u1', 'u2'] }));
      await store().groups.put(aGroup('g1', { memberIds: ['u1'] }));
      await store().groups.put(aGroup('g3', { memberIds: ['u2'] }));
      expect((await store().groups.groupIdsOfUser(T1, 'u1')).sort()).toEqual(['g1', 'g2']);
      expect(await store().groups.groupIdsOfUser(T1, 'u9')).toEqual([]);
    });

    it("names a user's groups (id and displayName, ordered by id) and follows renames and membership changes", async () => {
      await store().groups.put(aGroup('g2', { displayName: 'Sales', memberIds: ['u1', 'u2'] }));
      await store().groups.put(aGroup('g1', { displayName: 'Admins', memberIds: ['u1'] }));
      expect(await store().groups.groupsOfUser(T1, 'u1')).toEqual([
        { id: 'g1', displayName: 'Admins' },
        { id: 'g2', displayName: 'Sales' },
      ]);
      await store().groups.put(aGroup('g2', { displayName: 'Sales EMEA', memberIds: ['u1'] }));
      await store().groups.put(aGroup('g1', { displayName: 'Admins', memberIds: [] }));
      expect(await store().groups.groupsOfUser(T1, 'u1')).toEqual([{ id: 'g2', displayName: 'Sales EMEA' }]);
      await store().groups.removeMemberEverywhere(T1, 'u1');
      expect(await store().groups.groupsOfUser(T1, 'u1')).toEqual([]);
      await store().groups.put(aGroup('g3', { displayName: 'Ops', memberIds: ['u2'] }));
      await store().groups.remove(T1, 'g2');
      expect(await store().groups.groupsOfUser(T1, 'u2')).toEqual([{ id: 'g3', displayName: 'Ops' }]);
    });

    it('removes a group together with its memberships', async () => {
      await store().groups.put(aGroup('g1', { memberIds: ['u1'] }));
      await store().groups.put(aGroup('g2', { memberIds: ['u1'] }));
      await store().groups.remove(T1, 'g1');
      await store().groups.remove(T1, 'nothing');
      expect(await store().groups.get(T1, 'g1')).toBeUndefined();
      expect(await store().groups.groupIdsOfUser(T1, 'u1')).toEqual(['g2']);
      expect(await store().groups.count(T1)).toBe(1);
    });

    it('drops a user from every group, returning the groups that changed and keeping the others in order', async () => {
      await store().groups.put(aGroup('g1', { memberIds: ['u2', 'u1', 'u3'] }));
      await store().groups.put(aGroup('g2', { memberIds: ['u3'] }));
      await store().groups.put(aGroup('g3', { memberIds: ['u1'] }));
      expect((await store().groups.removeMemberEverywhere(T1, 'u1')).sort()).toEqual(['g1', 'g3']);
      expect((await store().groups.get(T1, 'g1'))?.memberIds).toEqual(['u2', 'u3']);
      expect((await store().groups.get(T1, 'g2'))?.memberIds).toEqual(['u3']);
      expect((await store().groups.get(T1, 'g3'))?.memberIds).toEqual([]);
      expect(await store().groups.removeMemberEverywhere(T1, 'u1')).toEqual([]);
    });
  });
}
