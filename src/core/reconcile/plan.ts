import type { AuditChange } from '../../store/store.js';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import { isUpstreamError } from '../../upstreams/upstream-error.js';
import type { TenantRuntime } from '../tenant.js';
import { enforceDrift } from './drift.js';
import { repairOwed } from './owed-repair.js';
import { goneUpstream, scanUpstreamUsers } from './scan.js';

/** One write a reconcile would make (or, for reported drift, would only report). */
export interface PlanItem {
  kind: 'drift' | 'owed';
  userId: string;
  userName: string;
  upstreamId: string;
  /** Per attribute: `before` what the upstream holds now, `after` what the write would leave. */
  changes: AuditChange[];
  why: string;
  /** Whether `reconcile --apply` writes it; reported drift under `drift: "report"` is listed but not written. */
  willWrite: boolean;
}

export interface TenantPlan {
  tenant: string;
  items: PlanItem[];
  /** What a reconcile would do to the bridge's own index (no upstream writes): adopt, refresh, forget. */
  index: { adopt: number; refresh: number; forget: number };
  /** Writes that could not be planned (their error); a reconcile would fail on them too. */
  problems: string[];
}

export interface PlanOptions {
  /** Plan drift as written back even under `drift: "report"` (the operator's explicit `--enforce-drift`). */
  enforceDrift: boolean;
  onProgress?: (progress: { pages: number; users: number }) => void;
}

/**
 * Every upstream write a reconcile or repair would make, per object (current → intended, and why), writing nothing:
 * neither the upstream (the context is read-only, which the HTTP client enforces) nor the index. `reconcile --apply`
 * writes exactly the items marked `willWrite`.
 */
export async function planTenant(t: TenantRuntime, ctx: UpstreamContext, options: PlanOptions): Promise<TenantPlan> {
  const readOnly: UpstreamContext = { ...ctx, readOnly: true };
  const startedAt = t.now().toISOString();
  const seen = new Set<string>();
  const index = { adopt: 0, refresh: 0, forget: 0 };
  const items: PlanItem[] = [];
  const problems: string[] = [];
  const enforce = options.enforceDrift || t.drift === 'enforce';
  let pages = 0;
  for await (const page of scanUpstreamUsers(t, readOnly, startedAt)) {
    for (const id of page.seen) seen.add(id);
    for (const s of page.users) {
      if (s.indexChanged) index[s.entry ? 'refresh' : 'adopt']++;
      if (!s.entry || !s.drift) continue;
      const why = `changed upstream since the bridge wrote it at ${s.drift.since} (drift policy: ${t.drift}${options.enforceDrift ? ', --enforce-drift' : ''})`;
      const item = { kind: 'drift' as const, userId: s.entry.id, userName: s.entry.userName, upstreamId: s.entry.upstreamId, why, willWrite: enforce };
      if (!enforce) {
        items.push({ ...item, changes: s.drift.changes });
        continue;
      }
      try {
        const write = await enforceDrift(t, s.entry, s.up, readOnly);
        items.push({ ...item, changes: write?.changes ?? s.drift.changes });
      } catch (e) {
        if (!isUpstreamError(e)) throw e;
        problems.push(`${s.entry.userName} (${s.entry.id}): ${e.message}`);
      }
    }
    options.onProgress?.({ pages: ++pages, users: seen.size });
  }
  for await (const gone of goneUpstream(t, seen, startedAt)) index.forget += gone.length;
  for (const outcome of await repairOwed(t, readOnly)) {
    if (outcome.error !== undefined) {
      problems.push(`${outcome.write?.resourceName ?? outcome.owed.userId}: ${outcome.error}`);
      continue;
    }
    const w = outcome.write;
    if (!w) continue;
    items.push({
      kind: 'owed',
      userId: outcome.owed.userId,
      userName: w.resourceName ?? '',
      upstreamId: w.upstreamId ?? '',
      changes: w.changes ?? [],
      why: `a derived write owed since ${outcome.owed.since}: ${outcome.owed.reason}`,
      willWrite: true,
    });
  }
  return { tenant: t.id, items, index, problems };
}
