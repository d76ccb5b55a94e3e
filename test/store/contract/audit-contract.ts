import { describe, expect, it } from 'vitest';
import { T1, T2, anAuditEntry, at, type StoreAccessor } from './fixtures.js';

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
      expect(requestIds(await store().audit.query({ tenant: T1, resourceId: 'u1', until: at(4), limit: 1 }))).toEqual([
        'r3',
      ]);
      expect(await store().audit.query({ tenant: T1, limit: 0 })).toEqual([]);
    });

    it('spans every tenant only when the query names none (operator view)', async () => {
      await store().audit.append(anAuditEntry('r1', { at: at(1) }));
      await store().audit.append(anAuditEntry('r2', { at: at(2), tenant: T2 }));
      expect(requestIds(await store().audit.query({}))).toEqual(['r2', 'r1']);
      expect(requestIds(await store().audit.query({ tenant: T2 }))).toEqual(['r2']);
    });
  });
}
