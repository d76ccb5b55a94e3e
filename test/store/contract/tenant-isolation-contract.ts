import { describe, expect, it } from 'vitest';
import { T1, T2, aClaim, aGroup, anAuditEntry, aUser, at, type StoreAccessor } from './fixtures.js';

/** The same ids, names and keys in two tenants: each tenant sees and changes only its own rows. */
export function describeTenantIsolationContract(store: StoreAccessor): void {
  describe('tenant isolation', () => {
    it('keeps users apart, even with the same id, upstream id, userName and externalId', async () => {
      const mine = aUser('u1', { externalId: 'e1' });
      const theirs = aUser('u1', { tenant: T2, externalId: 'e1', active: false });
      await store().users.put(mine);
      await store().users.put(theirs);
      await store().users.put(aUser('only-mine'));
      expect(await store().users.get(T2, 'u1')).toEqual(theirs);
      expect(await store().users.getByUpstreamId(T1, 'up-u1')).toEqual(mine);
      expect(await store().users.findByUserName(T2, 'u1@example.com')).toEqual([theirs]);
      expect(await store().users.findByExternalId(T1, 'e1')).toEqual([mine]);
      expect(await store().users.listLive(T2)).toEqual([theirs]);
      expect([await store().users.countLive(T1), await store().users.countLive(T2)]).toEqual([2, 1]);
      expect(await store().users.get(T2, 'only-mine')).toBeUndefined();
      await store().users.remove(T2, 'u1');
      expect(await store().users.get(T1, 'u1')).toEqual(mine);
    });

    it('keeps groups and memberships apart', async () => {
      await store().groups.put(aGroup('g1', { displayName: 'Admins', memberIds: ['u1', 'u2'] }));
      await store().groups.put(aGroup('g1', { tenant: T2, displayName: 'Admins', memberIds: ['u1'] }));
      await store().groups.put(aGroup('g2', { tenant: T2, memberIds: ['u1'], created: at(1) }));
      expect((await store().groups.get(T1, 'g1'))?.memberIds).toEqual(['u1', 'u2']);
      expect((await store().groups.findByDisplayName(T2, 'admins')).map((g) => g.memberIds)).toEqual([['u1']]);
      expect((await store().groups.list(T1)).map((g) => [g.id, g.memberIds])).toEqual([['g1', ['u1', 'u2']]]);
      expect([await store().groups.count(T1), await store().groups.count(T2)]).toEqual([1, 2]);
      expect(await store().groups.groupIdsOfUser(T1, 'u1')).toEqual(['g1']);
      expect(await store().groups.removeMemberEverywhere(T1, 'u1')).toEqual(['g1']);
      expect((await store().groups.groupIdsOfUser(T2, 'u1')).sort()).toEqual(['g1', 'g2']);
      await store().groups.remove(T2, 'g1');
      expect((await store().groups.get(T1, 'g1'))?.memberIds).toEqual(['u2']);
    });

    it('keeps idempotency keys apart', async () => {
      expect(await store().idempotency.claim(aClaim('k1'))).toBeUndefined();
      expect(await store().idempotency.claim(aClaim('k1', { tenant: T2 }))).toBeUndefined();
      await store().idempotency.complete(T1, 'k1', 201, 'mine');
      await store().idempotency.release(T1, 'k1');
      expect((await store().idempotency.claim(aClaim('k1', { tenant: T2 }, 1)))?.state).toBe('inFlight');
      await store().idempotency.release(T2, 'k1');
      expect((await store().idempotency.claim(aClaim('k1', {}, 2)))?.body).toBe('mine');
    });

    it('keeps audit entries apart, also for the same resourceId', async () => {
      await store().audit.append(anAuditEntry('mine', { resourceId: 'u1' }));
      await store().audit.append(anAuditEntry('theirs', { tenant: T2, resourceId: 'u1' }));
      expect((await store().audit.query({ tenant: T1, resourceId: 'u1' })).map((e) => e.requestId)).toEqual(['mine']);
      expect((await store().audit.query({ tenant: T2 })).map((e) => e.requestId)).toEqual(['theirs']);
    });

    it('keeps audit entries apart for the same actor and resource name', async () => {
      await store().audit.append(anAuditEntry('mine', { actor: 'okta', resourceName: 'kim' }));
      await store().audit.append(anAuditEntry('theirs', { tenant: T2, actor: 'okta', resourceName: 'Kim' }));
      expect((await store().audit.query({ tenant: T1, actor: 'okta' })).map((e) => e.requestId)).toEqual(['mine']);
      expect((await store().audit.query({ tenant: T2, resourceName: 'kim' })).map((e) => e.requestId)).toEqual(['theirs']);
    });

    it('keeps state apart', async () => {
      await store().state.set(T1, 'watermark', 'one');
      await store().state.set(T2, 'watermark', 'two');
      expect([await store().state.get(T1, 'watermark'), await store().state.get(T2, 'watermark')]).toEqual(['one', 'two']);
    });
  });
}
