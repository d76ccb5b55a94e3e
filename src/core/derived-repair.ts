import type { UpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import type { TenantRuntime } from './tenant.js';
import { userRecords } from './user-records.js';
import { storableUser } from './user-view.js';

/**
 * Attributes an upstream derives from group membership (a Zuora profile, a OneID role) are written when a group
 * changes. Should that write fail after the membership itself was stored, this pass, run by the reconciler, writes
 * each user whose derived attribute is out of step; the adapter sends nothing for users already right.
 */
export async function repairDerivedAttributes(t: TenantRuntime, ctx: UpstreamContext): Promise<{ repaired: number; failed: number }> {
  const records = userRecords(t);
  let repaired = 0;
  let failed = 0;
  for (const entry of await t.store.users.listLive(t.id)) {
    const before = ctx.calls.length;
    try {
      const current = { upstreamId: entry.upstreamId, user: entry.resource };
      const groupNames = await records.groupNamesOf(entry.id);
      const result = await t.upstream.users.replace(entry.upstreamId, { user: entry.resource, groupNames }, ctx, current);
      if (ctx.calls.length === before) continue;
      const merged = storableUser(t.upstream.users.merge(entry.resource, result));
      await t.store.users.put({ ...entry, resource: merged, active: merged.active !== false, lastModified: t.now().toISOString() });
      repaired++;
    } catch (e) {
      if (!isUpstreamError(e)) throw e;
      failed++;
    }
  }
  return { repaired, failed };
}
