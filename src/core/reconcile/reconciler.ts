import { randomUUID } from 'node:crypto';
import type { GuardedPut, IndexedUser } from '../../store/store.js';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import { recordOwnWrite } from '../audit-recorder.js';
import type { TenantRuntime } from '../tenant.js';
import { settleDrift, type DriftCandidate, type DriftItem } from './drift.js';
import { reconcileGroups } from './group-mirror.js';
import { repairOwed } from './owed-repair.js';
import { goneUpstream, scanUpstreamUsers } from './scan.js';

/** At most this many drifted users are listed in a report (all are counted). */
export const DRIFT_LISTED = 100;

export interface ReconcileOptions {
  /** Who the writes are audited as: `reconciler` on the schedule, `cli` for an operator's command. */
  actor: string;
  /** Make the derived writes the bridge owes. The schedule does; a bare `reconcile` command does not. */
  repairOwed: boolean;
  /** Write drifted users back to what the bridge last wrote (the tenant's `drift: "enforce"`, or an operator's flag). */
  enforceDrift: boolean;
  /** Told after each upstream page is read. */
  onProgress?: (progress: { pages: number; users: number }) => void;
}

export interface ReconcileReport {
  seen: number;
  /** Users found upstream that the index did not have: adopted, written nothing. */
  added: number;
  /** Index entries refreshed from the upstream. */
  updated: number;
  /** Index entries of users gone upstream. */
  removed: number;
  groups?: { seen: number; removed: number };
  drift: { count: number; users: DriftItem[]; enforced: number; failed: number };
  owed: { repaired: number; failed: number; pending: number };
  startedAt: string;
  finishedAt: string;
}

/**
 * Rebuild the local index from the upstream, page by page (design: "the store keeps only what the bridge owns").
 * It reads; it writes the upstream only for what is owed or explicitly enforced:
 * - users the index lacks are adopted (indexed, visible to GET and filters, unchanged upstream);
 * - known users are refreshed in the index, and compared with the snapshot of the bridge's last write: a difference is
 *   drift, reported (and written back only with `enforceDrift`);
 * - users gone upstream leave the index; tombstones (users the IdP deleted, kept inactive upstream) stay tombstones;
 * - the derived writes the bridge owes are made (`repairOwed`).
 * Entries the bridge itself wrote after the run began are left alone, so a reconcile never rolls back a concurrent IdP
 * write. Each upstream write is audited as `options.actor`.
 */
export async function reconcileUsers(t: TenantRuntime, ctx: UpstreamContext, options: ReconcileOptions): Promise<ReconcileReport> {
  const startedAt = t.now().toISOString();
  const seen = new Set<string>();
  const drifted: DriftCandidate[] = [];
  let added = 0;
  let updated = 0;
  let pages = 0;
  for await (const page of scanUpstreamUsers(t, ctx, startedAt)) {
    for (const id of page.seen) seen.add(id);
    const batch: GuardedPut[] = [];
    for (const { up, entry, resource, indexChanged, drift } of page.users) {
      if (entry && drift) drifted.push({ entry, up, item: drift });
      if (!indexChanged) continue;
      const now = t.now().toISOString();
      const user: IndexedUser = {
        ...(entry ?? {}),
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
        upstreamState: up.state,
      };
      batch.push({ user, basis: entry?.lastModified });
    }
    // An entry an IdP write (on any replica) changed since the scan read it is left as that write stored it: the
    // page may be older than the write, and the entry's baseline must stay the write's. The next run reads it again.
    const written = new Set(await t.store.users.putManyUnlessChanged(batch));
    for (const { user, basis } of batch) {
      if (!written.has(user.id)) continue;
      if (basis === undefined) added++;
      else updated++;
    }
    options.onProgress?.({ pages: ++pages, users: seen.size });
  }
  let removed = 0;
  for await (const gone of goneUpstream(t, seen, startedAt)) {
    for (const entry of gone) await t.store.users.remove(t.id, entry.id);
    removed += gone.length;
  }
  const groups = t.upstream.capabilities.nativeGroups && t.upstream.groups ? await reconcileGroups(t, t.upstream.groups, ctx) : undefined;

  const who = { tenant: t.id, requestId: ctx.requestId, actor: options.actor };
  const drift = await settleDrift(t, drifted, ctx, { enforce: options.enforceDrift, who });

  const owed = { repaired: 0, failed: 0, pending: 0 };
  if (options.repairOwed) {
    for (const outcome of await repairOwed(t, ctx)) {
      if (outcome.error !== undefined) {
        owed.failed++;
        owed.pending++;
      } else owed.repaired++;
      if (outcome.write) await recordOwnWrite(t.store, who, outcome.write, outcome.status ?? 200, t.now());
    }
  }

  const report: ReconcileReport = {
    seen: seen.size,
    added,
    updated,
    removed,
    ...(groups ? { groups } : {}),
    drift: { count: drift.confirmed.length, users: drift.confirmed.slice(0, DRIFT_LISTED), enforced: drift.enforced, failed: drift.failed },
    owed,
    startedAt,
    finishedAt: t.now().toISOString(),
  };
  await t.store.state.set(t.id, 'reconciler.lastRun', JSON.stringify(report));
  return report;
}
