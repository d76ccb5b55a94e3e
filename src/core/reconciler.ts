import { randomUUID } from 'node:crypto';
import { sameContent } from '../scim/etag.js';
import type { IndexedUser } from '../store/store.js';
import type { UpstreamContext } from '../upstreams/call-record.js';
import type { TenantRuntime } from './tenant.js';
import { storableUser } from './user-view.js';
import { repairDerivedAttributes } from './derived-repair.js';
import { reconcileGroups } from './group-reconciler.js';

export interface ReconcileReport {
  seen: number;
  groups?: { seen: number; removed: number };
  repaired?: { repaired: number; failed: number };
  added: number;
  updated: number;
  removed: number;
  startedAt: string;
  finishedAt: string;
}

/**
 * Rebuild the local user index from the upstream, page by page (design.md "The store keeps only what the bridge
 * owns"). Users the bridge has never seen get a SCIM id; known users are refreshed; users gone upstream leave the
 * index. Entries the bridge itself wrote after the run began are left alone, so a reconcile never rolls back a
 * concurrent IdP write. Tombstones (users the IdP deleted, kept inactive upstream) stay tombstones.
 */
export async function reconcileUsers(t: TenantRuntime, ctx: UpstreamContext): Promise<ReconcileReport> {
  const startedAt = t.now().toISOString();
  const seen = new Set<string>();
  let added = 0;
  let updated = 0;
  for await (const page of t.upstream.users.list(ctx)) {
    const batch: IndexedUser[] = [];
    for (const up of page) {
      seen.add(up.upstreamId);
      const entry = await t.store.users.getByUpstreamId(t.id, up.upstreamId);
      if (entry && (entry.deletedAt !== undefined || entry.lastModified > startedAt)) continue;
      const resource = storableUser(t.upstream.users.merge(entry?.resource, up));
      if (entry && sameContent(resource, entry.resource)) continue;
      const now = t.now().toISOString();
      batch.push({
        tenant: t.id,
        id: entry?.id ?? randomUUID(),
        upstreamId: up.upstreamId,
        userName: resource.userName,
        externalId: entry?.externalId,
        active: resource.active !== false,
        resource,
        created: entry?.created ?? now,
        lastModified: now,
        deletedAt: undefined,
      });
      if (entry) updated++;
      else added++;
    }
    if (batch.length > 0) await t.store.users.putMany(batch);
  }
  let removed = 0;
  for (const entry of await t.store.users.listLive(t.id)) {
    if (!seen.has(entry.upstreamId) && entry.lastModified <= startedAt && !t.upstream.users.isParked?.(entry.upstreamId)) {
      await t.store.users.remove(t.id, entry.id);
      removed++;
    }
  }
  const groups = t.upstream.capabilities.nativeGroups && t.upstream.groups ? await reconcileGroups(t, t.upstream.groups, ctx) : undefined;
  const repaired = await repairDerivedAttributes(t, ctx);
  const report = { seen: seen.size, added, updated, removed, ...(groups ? { groups } : {}), repaired, startedAt, finishedAt: t.now().toISOString() };
  await t.store.state.set(t.id, 'reconciler.lastRun', JSON.stringify(report));
  return report;
}
