import { describe, expect, it } from 'vitest';
import type { IndexedUser } from '../../../src/store/store.js';
import { T1, aSyncedSnapshot, aSyncedUser, aUser, anUpstreamState, at, type StoreAccessor } from './fixtures.js';

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

    it('matches userName in any Unicode normalisation form: the NFC and NFD spellings of josé are one name', async () => {
      const nfd = 'Jose\u0301@example.com';
      await store().users.put(aUser('u1', { userName: nfd }));
      for (const probe of ['jos\u00e9@example.com', 'JOS\u00c9@EXAMPLE.COM', nfd, 'jose\u0301@example.com']) {
        expect(ids(await store().users.findByUserName(T1, probe))).toEqual(['u1']);
      }
      // Kept as sent, and nothing else folds into it.
      expect((await store().users.get(T1, 'u1'))?.userName).toBe(nfd);
      expect(await store().users.findByUserName(T1, 'jose@example.com')).toEqual([]);
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

    it('puts a reconcile batch only where the index still holds what each user was computed from', async () => {
      await store().users.put(aUser('kept', { lastModified: at(1) }));
      await store().users.put(aUser('rewritten', { lastModified: at(1) }));
      await store().users.put(aUser('idp-made', { upstreamId: 'up-new-2', lastModified: at(1) }));
      // Since the reconcile read them: an IdP write stored `rewritten` again, and an IdP create indexed `up-new-2`.
      await store().users.put(aUser('rewritten', { lastModified: at(2), userName: 'by-idp@example.com' }));

      const written = await store().users.putManyUnlessChanged([
        { user: aUser('kept', { lastModified: at(3), userName: 'refreshed@example.com' }), basis: at(1) },
        { user: aUser('rewritten', { lastModified: at(3), userName: 'stale@example.com' }), basis: at(1) },
        { user: aUser('adopted', { upstreamId: 'up-new-1', lastModified: at(3) }), basis: undefined },
        { user: aUser('second-id', { upstreamId: 'up-new-2', lastModified: at(3) }), basis: undefined },
        { user: aUser('vanished', { lastModified: at(3) }), basis: at(1) },
      ]);

      expect(written.sort()).toEqual(['adopted', 'kept']);
      expect((await store().users.get(T1, 'kept'))?.userName).toBe('refreshed@example.com');
      expect((await store().users.get(T1, 'rewritten'))?.userName).toBe('by-idp@example.com');
      expect((await store().users.getByUpstreamId(T1, 'up-new-2'))?.id).toBe('idp-made');
      expect(await store().users.get(T1, 'second-id')).toBeUndefined();
      expect(await store().users.get(T1, 'vanished')).toBeUndefined();
      expect(await store().users.putManyUnlessChanged([])).toEqual([]);
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

    describe('upstream state and the synced snapshot', () => {
      /** Every read a user can come back through, by id, upstream id, userName and in the live list. */
      const everyRead = async (user: IndexedUser): Promise<(IndexedUser | undefined)[]> => [
        await store().users.get(user.tenant, user.id),
        await store().users.getByUpstreamId(user.tenant, user.upstreamId),
        (await store().users.findByUserName(user.tenant, user.userName)).find((u) => u.id === user.id),
        (await store().users.listLive(user.tenant)).find((u) => u.id === user.id),
      ];

      it('reads back a user with upstream state and snapshot, and one without, whole through every read after put', async () => {
        const written = aSyncedUser('u1', { userName: 'Written@Example.com' });
        const adopted = { ...aUser('u2'), upstreamState: anUpstreamState('Administrator') };
        const bare = aUser('u3');
        for (const user of [written, adopted, bare]) await store().users.put(user);
        for (const user of [written, adopted, bare]) {
          for (const read of await everyRead(user)) expect(read).toEqual(user);
        }
        const [readAdopted] = await everyRead(adopted);
        expect(readAdopted?.synced).toBeUndefined();
        const [readBare] = await everyRead(bare);
        expect([readBare?.upstreamState, readBare?.synced]).toEqual([undefined, undefined]);
      });

      it('reads back the same through every read after putMany', async () => {
        const users = [aSyncedUser('u1', { created: at(1) }), aUser('u2', { created: at(2) }), aSyncedUser('u3', { created: at(3) }, 'Billing Clerk')];
        await store().users.putMany(users);
        for (const user of users) {
          for (const read of await everyRead(user)) expect(read).toEqual(user);
        }
        expect(await store().users.listLive(T1)).toEqual(users);
      });

      it('never answers an earlier state or snapshot once a put changed only them', async () => {
        const first = aSyncedUser('u1');
        await store().users.put(first);
        // Read twice, so that an engine that caches answers has this one cached.
        await everyRead(first);
        expect((await store().users.get(T1, 'u1'))?.synced?.state.profile).toBe('Standard User');

        const drifted = { ...first, upstreamState: anUpstreamState('Administrator') };
        await store().users.put(drifted);
        for (const read of await everyRead(drifted)) expect(read).toEqual(drifted);

        const rewritten = { ...drifted, synced: aSyncedSnapshot(first, 7, 'Administrator') };
        await store().users.putMany([rewritten]);
        for (const read of await everyRead(rewritten)) {
          expect(read?.synced).toEqual(rewritten.synced);
          expect(read?.synced?.at).toBe(at(7));
        }

        const { upstreamState: _s, synced: _b, ...cleared } = rewritten;
        await store().users.put(cleared);
        for (const read of await everyRead(cleared)) expect([read?.upstreamState, read?.synced]).toEqual([undefined, undefined]);
      });

      it('hands the state and snapshot out frozen', async () => {
        await store().users.put(aSyncedUser('u1'));
        const read = await store().users.get(T1, 'u1');
        expect(Object.isFrozen(read?.upstreamState)).toBe(true);
        expect(Object.isFrozen(read?.synced)).toBe(true);
        expect(Object.isFrozen(read?.synced?.user.emails)).toBe(true);
        expect(() => Object.assign(read?.synced ?? {}, { at: at(9) })).toThrow(TypeError);
      });

      it('writes a read user back unchanged, and a copy of it with a change', async () => {
        const user = aSyncedUser('u1');
        await store().users.put(user);
        const read = await store().users.get(T1, 'u1');
        if (!read) throw new Error('the user was not stored');
        await store().users.put(read);
        expect(await store().users.get(T1, 'u1')).toEqual(user);
        await store().users.put({ ...read, lastModified: at(4) });
        expect(await store().users.get(T1, 'u1')).toEqual({ ...user, lastModified: at(4) });
      });
    });
  });
}
