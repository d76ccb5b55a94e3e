import type { UpstreamContext } from '../../upstreams/call-record.js';
import type { UpstreamGroups } from '../../upstreams/upstream.js';
import type { TenantRuntime } from '../tenant.js';
import { upstreamGroupWrites } from '../upstream-group-writes.js';
import { pagesOf } from '../paged-list.js';
import type { StoredGroup } from '../../store/store.js';

/**
 * Rebuild the mirror of an upstream's groups (OneID): every group upstream is stored with its members as SCIM user
 * ids; mirror entries the upstream no longer has are dropped. Run after the users, so members resolve.
 */
export async function reconcileGroups(t: TenantRuntime, groups: UpstreamGroups, ctx: UpstreamContext): Promise<{ seen: number; removed: number }> {
  const writes = upstreamGroupWrites(t, groups);
  const startedAt = t.now().toISOString();
  const seen = new Set<string>();
  for await (const page of groups.list(ctx)) {
    for (const up of page) {
      seen.add(up.upstreamId);
      const existing = await t.store.groups.get(t.id, up.upstreamId);
      // A group the bridge wrote after this run began is already newer than what the page says.
      if (existing && existing.lastModified > startedAt) continue;
      await t.store.groups.put(await writes.mirrorOf(up, existing, t.now().toISOString()));
    }
  }
  let removed = 0;
  // A page of the mirror at a time, without member lists: the ids and times are all this needs.
  for await (const page of pagesOf<StoredGroup>((after, limit) => t.store.groups.page(t.id, { after, limit, members: false }))) {
    for (const g of page) {
      if (seen.has(g.id) || g.lastModified > startedAt) continue;
      await t.store.groups.remove(t.id, g.id);
      removed++;
    }
  }
  return { seen: seen.size, removed };
}
