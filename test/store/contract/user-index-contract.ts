import { describe, expect, it } from 'vitest';
import { T1, aUser, at, type StoreAccessor } from './fixtures.js';

const ids = (users: { id: string }[]): string[] => users.map((u) => u.id);

export function describeUserIndexContract(store: StoreAccessor): void {
  describe('users', () => {
    it('reads back a put user whole, by SCIM id and by upstream id', async () => {
      const user = aUser('u1', { externalId: 'ext-1', active: false, lastModified: at(5) });
      await store().users.put(user);
      expect(await store().users.get(T1, 'u1')).toEqual(user);
      expect(await store().users.getByUpstreamId(T1, 'up-u1')).toEqual(user);
    });

    it('hands out read resources frozen, one shared object per stored content, and a new one once it changes', async () => {
      await store().users.put(aUser('u1', { userName: 'kim@example.com' }));
      const first = await store().users.get(T1, 'u1');
      const again = (await store().users.findByUserName(T1, 'kim@example.com'))[0];
      expect(Object.isFrozen(first?.resource)).toBe(true);
      expect(() => Object.assign(first?.resource ?? {}, { title: 'changed in place' })).toThrow(TypeError);
      expect(again?.resource).toBe(first?.resource);
      await store().users.put(aUser('u1', { userName: 'kim@example.com', resource: { ...first?.resource, title: 'Boss' } as never }));
      const changed = await store().users.get(T1, 'u1');
      expect(changed?.resource).not.toBe(first?.resource);
      expect(changed?.resource.title).toBe('Boss');
    });

    it('answers undefined for an id or upstream id it does not hold', async () => {
      await store().users.put(aUser('u1'));
      expect(await store().users.get(T1, 'u2')).toBeUndefined();
      expect(await store().users.getByUpstreamId(T1, 'u1')).toBeUndefined();
    });

    it('replaces the entry with the same id on put', async () => {
      await store().users.put(aUser('u1', { userName: 'old@example.com' }));
      await store().users.put(aUser('u1', { userName: 'new@example.com', lastModified: at(9) }));
      expect((await store().users.get(T1, 'u1'))?.userName).toBe('new@example.com');
      expect(await store().users.findByUserName(T1, 'old@example.com')).toEqual([]);
      expect(await store().users.countLive(T1)).toBe(1);
    });

    it('finds by userName case-insensitively and keeps the case as sent', async () => {
      await store().users.put(aUser('u1', { userName: 'BJensen@Example.com' }));
      const found = await store().users.findByUserName(T1, 'bjensen@EXAMPLE.COM');
      expect(found.map((u) => u.userName)).toEqual(['BJensen@Example.com']);
    });

    it('folds non-ASCII letters when matching userName', async () => {
      await store().users.put(aUser('u1', { userName: 'ÉLODIE.ÇA@example.com' }));
      expect(ids(await store().users.findByUserName(T1, 'élodie.ça@example.com'))).toEqual(['u1']);
    });

    it('matches userName exactly, never as a prefix or a pattern', async () => {
      await store().users.put(aUser('u1', { userName: 'abc@example.com' }));
      for (const probe of ['abc', 'a%', 'a_c@example.com', '%']) {
        expect(await store().users.findByUserName(T1, probe)).toEqual([]);
      }
    });

    it('finds deleted entries by userName alongside live ones, so a create can revive them', async () => {
      await store().users.put(aUser('old', { userName: 'kim@example.com', deletedAt: at(3) }));
      await store().users.put(aUser('new', { userName: 'Kim@example.com', created: at(4) }));
      const found = await store().users.findByUserName(T1, 'kim@example.com');
      expect(found.map((u) => [u.id, u.deletedAt])).toEqual([
        ['old', at(3)],
        ['new', undefined],
      ]);
    });

    it('finds by externalId exactly and case-sensitively (RFC 7643 §3.1: caseExact)', async () => {
      await store().users.put(aUser('u1', { externalId: 'Ext-1' }));
      await store().users.put(aUser('u2', { externalId: 'ext-1' }));
      expect(ids(await store().users.findByExternalId(T1, 'Ext-1'))).toEqual(['u1']);
      expect(await store().users.findByExternalId(T1, 'EXT-1')).toEqual([]);
    });

    it('lists live users ordered by created then id, without the deleted ones', async () => {
      await store().users.put(aUser('c', { created: at(2) }));
      await store().users.put(aUser('b', { created: at(1) }));
      await store().users.put(aUser('gone', { created: at(0), deletedAt: at(5) }));
      await store().users.put(aUser('a', { created: at(2) }));
      expect(ids(await store().users.listLive(T1))).toEqual(['b', 'a', 'c']);
      expect(await store().users.countLive(T1)).toBe(3);
    });

    it('moves a revived upstream user to its new SCIM id, dropping the old id', async () => {
      await store().users.put(aUser('old-id', { upstreamId: 'up-7', deletedAt: at(1) }));
      await store().users.put(aUser('new-id', { upstreamId: 'up-7', created: at(2) }));
      expect(await store().users.get(T1, 'old-id')).toBeUndefined();
      expect((await store().users.getByUpstreamId(T1, 'up-7'))?.id).toBe('new-id');
      expect(ids(await store().users.listLive(T1))).toEqual(['new-id']);
    });

    it('puts many at once with the same replacement rules as put', async () => {
      await store().users.put(aUser('u0'));
      await store().users.putMany([
        aUser('u1', { created: at(1) }),
        aUser('u2', { created: at(2), upstreamId: 'shared' }),
        aUser('u3', { created: at(3), upstreamId: 'shared' }),
        aUser('u0', { created: at(0), userName: 'renamed@example.com' }),
      ]);
      expect(ids(await store().users.listLive(T1))).toEqual(['u0', 'u1', 'u3']);
      expect((await store().users.get(T1, 'u0'))?.userName).toBe('renamed@example.com');
      await store().users.putMany([]);
      expect(await store().users.countLive(T1)).toBe(3);
    });

    it('removes an entry from every lookup, and ignores an unknown id', async () => {
      await store().users.put(aUser('u1', { externalId: 'e1' }));
      await store().users.put(aUser('u2'));
      await store().users.remove(T1, 'u1');
      await store().users.remove(T1, 'nobody');
      expect(await store().users.get(T1, 'u1')).toBeUndefined();
      expect(await store().users.getByUpstreamId(T1, 'up-u1')).toBeUndefined();
      expect(await store().users.findByUserName(T1, 'u1@example.com')).toEqual([]);
      expect(await store().users.findByExternalId(T1, 'e1')).toEqual([]);
      expect(ids(await store().users.listLive(T1))).toEqual(['u2']);
    });
  });
}
