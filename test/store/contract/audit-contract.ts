import { describe, expect, it } from 'vitest';
import { T1, T2, anAuditEntry, anUpstreamState, at, type StoreAccessor } from './fixtures.js';

const requestIds = (entries: { requestId: string }[]): string[] => entries.map((e) => e.requestId);

export function describeAuditContract(store: StoreAccessor): void {
  describe('audit', () => {
    it('reads back an appended entry whole', async () => {
      const entry = anAuditEntry('r1', {
        resourceId: 'u1',
        upstreamCalls: ['POST /v1/users 201 12ms', 'GET /v1/users/9 200 4ms'],
        detail: 'created upstream user 9',
      });
      const bare = anAuditEntry('r2', { at: at(1), resourceType: 'System', operation: 'reconcile' });
      await store().audit.append(entry);
      await store().audit.append(bare);
      expect(await store().audit.query({ tenant: T1 })).toEqual([bare, entry]);
    });

    it('returns newest first, and entries of the same instant latest appended first', async () => {
      await store().audit.append(anAuditEntry('r-mid', { at: at(5) }));
      await store().audit.append(anAuditEntry('r-new', { at: at(9) }));
      await store().audit.append(anAuditEntry('r-old', { at: at(1) }));
      await store().audit.append(anAuditEntry('r-mid-later', { at: at(5) }));
      expect(requestIds(await store().audit.query({ tenant: T1 }))).toEqual(['r-new', 'r-mid-later', 'r-mid', 'r-old']);
    });

    it('filters by resourceId', async () => {
      await store().audit.append(anAuditEntry('r1', { resourceId: 'u1', at: at(1) }));
      await store().audit.append(anAuditEntry('r2', { resourceId: 'u2', at: at(2) }));
      await store().audit.append(anAuditEntry('r3', { resourceId: 'u1', at: at(3) }));
      expect(requestIds(await store().audit.query({ tenant: T1, resourceId: 'u1' }))).toEqual(['r3', 'r1']);
    });

    it('filters by time: since inclusive, until exclusive', async () => {
      for (const minute of [1, 2, 3, 4]) await store().audit.append(anAuditEntry(`r${minute}`, { at: at(minute) }));
      expect(requestIds(await store().audit.query({ tenant: T1, since: at(2) }))).toEqual(['r4', 'r3', 'r2']);
      expect(requestIds(await store().audit.query({ tenant: T1, until: at(3) }))).toEqual(['r2', 'r1']);
      expect(requestIds(await store().audit.query({ tenant: T1, since: at(2), until: at(4) }))).toEqual(['r3', 'r2']);
    });

    it('returns at most limit entries, the newest', async () => {
      for (const minute of [1, 2, 3, 4]) {
        await store().audit.append(anAuditEntry(`r${minute}`, { at: at(minute), resourceId: 'u1' }));
      }
      expect(requestIds(await store().audit.query({ tenant: T1, limit: 2 }))).toEqual(['r4', 'r3']);
      expect(requestIds(await store().audit.query({ tenant: T1, resourceId: 'u1', until: at(4), limit: 1 }))).toEqual(['r3']);
      expect(await store().audit.query({ tenant: T1, limit: 0 })).toEqual([]);
    });

    it('spans every tenant only when the query names none (operator view)', async () => {
      await store().audit.append(anAuditEntry('r1', { at: at(1) }));
      await store().audit.append(anAuditEntry('r2', { at: at(2), tenant: T2 }));
      expect(requestIds(await store().audit.query({}))).toEqual(['r2', 'r1']);
      expect(requestIds(await store().audit.query({ tenant: T2 }))).toEqual(['r2']);
    });

    it('reads back an entry with its name, upstream id, changes and upstream state whole', async () => {
      const entry = anAuditEntry('r1', {
        operation: 'patchUser',
        resourceId: 'u1',
        resourceName: 'Kim.Lee@Example.com',
        upstreamId: '8a8082c4',
        status: 204,
        upstreamCalls: ['PUT /v1/users/8a8082c4 200 12ms'],
        changes: [
          { attribute: 'name.givenName', before: 'Kim', after: 'Kimberly' },
          { attribute: 'emails', before: [{ value: 'kim@example.com', primary: true }], after: null },
          { attribute: 'password', before: null, after: '[redacted]' },
          { attribute: 'upstream.profile', before: 'Standard User', after: 'Administrator' },
          { attribute: 'active', before: true, after: false },
          { attribute: 'x-count', before: 1, after: { nested: ['a', 2] } },
        ],
        upstreamState: anUpstreamState('Administrator'),
      });
      const bare = anAuditEntry('r2', { at: at(1), resourceType: 'System', operation: 'reconcile', actor: 'reconciler' });
      await store().audit.append(entry);
      await store().audit.append(bare);
      expect(await store().audit.query({ tenant: T1 })).toEqual([bare, entry]);
      const [, read] = await store().audit.query({ tenant: T1 });
      expect(read?.changes?.map((c) => c.attribute)).toEqual(entry.changes?.map((c) => c.attribute));
    });

    it('filters by actor, exactly', async () => {
      await store().audit.append(anAuditEntry('r1', { at: at(1), actor: 'okta-prod' }));
      await store().audit.append(anAuditEntry('r2', { at: at(2), actor: 'reconciler' }));
      await store().audit.append(anAuditEntry('r3', { at: at(3), actor: 'okta-prod' }));
      await store().audit.append(anAuditEntry('r4', { at: at(4), actor: 'Okta-Prod' }));
      expect(requestIds(await store().audit.query({ tenant: T1, actor: 'okta-prod' }))).toEqual(['r3', 'r1']);
      expect(requestIds(await store().audit.query({ actor: 'reconciler' }))).toEqual(['r2']);
      expect(await store().audit.query({ actor: 'okta' })).toEqual([]);
    });

    it('filters by resource name case-insensitively, matching whole names only', async () => {
      await store().audit.append(anAuditEntry('r1', { at: at(1), resourceName: 'Kim.Lee@Example.com' }));
      await store().audit.append(anAuditEntry('r2', { at: at(2), resourceName: 'ÉLODIE' }));
      await store().audit.append(anAuditEntry('r3', { at: at(3), resourceName: 'kim.lee@example.com', resourceType: 'Group' }));
      await store().audit.append(anAuditEntry('r4', { at: at(4) }));
      expect(requestIds(await store().audit.query({ tenant: T1, resourceName: 'KIM.LEE@example.COM' }))).toEqual(['r3', 'r1']);
      expect(requestIds(await store().audit.query({ resourceName: 'élodie' }))).toEqual(['r2']);
      // In either normalisation form (É as one code point, or E + U+0301).
      expect(requestIds(await store().audit.query({ resourceName: 'E\u0301lodie' }))).toEqual(['r2']);
      for (const probe of ['kim', 'kim%', 'kim_lee@example.com', '%']) {
        expect(await store().audit.query({ resourceName: probe })).toEqual([]);
      }
    });

    it('combines actor and resource name with tenant, resource id, time and limit', async () => {
      const entries = [
        ['r1', 1, T1, 'okta-prod', 'u1', 'kim'],
        ['r2', 2, T1, 'reconciler', 'u1', 'kim'],
        ['r3', 3, T1, 'okta-prod', 'u2', 'lee'],
        ['r4', 4, T2, 'okta-prod', 'u1', 'kim'],
        ['r5', 5, T1, 'okta-prod', 'u1', 'Kim'],
        ['r6', 6, T1, 'okta-prod', 'u1', 'kim'],
      ] as const;
      for (const [requestId, minute, tenant, actor, resourceId, resourceName] of entries) {
        await store().audit.append(anAuditEntry(requestId, { at: at(minute), tenant, actor, resourceId, resourceName }));
      }
      const ask = async (q: Parameters<ReturnType<StoreAccessor>['audit']['query']>[0]) => requestIds(await store().audit.query(q));
      expect(await ask({ tenant: T1, actor: 'okta-prod', resourceName: 'KIM' })).toEqual(['r6', 'r5', 'r1']);
      expect(await ask({ actor: 'okta-prod', resourceName: 'kim' })).toEqual(['r6', 'r5', 'r4', 'r1']);
      expect(await ask({ tenant: T1, actor: 'okta-prod', resourceId: 'u2' })).toEqual(['r3']);
      expect(await ask({ tenant: T1, resourceName: 'kim', since: at(2), until: at(6) })).toEqual(['r5', 'r2']);
      expect(await ask({ actor: 'okta-prod', since: at(3), limit: 2 })).toEqual(['r6', 'r5']);
      expect(await ask({ tenant: T2, actor: 'reconciler' })).toEqual([]);
    });
  });
}
