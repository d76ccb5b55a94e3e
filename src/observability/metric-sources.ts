import type { StateStore } from '../store/store.js';
import type { UpstreamAdapter } from '../upstreams/upstream.js';

/** Where `reconcileUsers` (src/core/reconciler.ts) leaves its report, written only when a run succeeds. */
const LAST_RUN_KEY = 'reconciler.lastRun';

/**
 * When each tenant's last successful reconcile finished, from the report the reconciler stores: the source of
 * `reconciler_lag_seconds`. Reading the store (not process memory) keeps it right across replicas and restarts.
 */
export async function lastReconciledFromStore(
  state: StateStore,
  tenantIds: readonly string[],
): Promise<[tenant: string, finishedAt: Date | undefined][]> {
  return Promise.all(
    tenantIds.map(async (tenant): Promise<[string, Date | undefined]> => [tenant, finishedAt(await state.get(tenant, LAST_RUN_KEY))]),
  );
}

const finishedAt = (report: string | undefined): Date | undefined => {
  if (report === undefined) return undefined;
  try {
    const value: unknown = (JSON.parse(report) as { finishedAt?: unknown }).finishedAt;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Pending ZIA activations per ZIA tenant, read from each adapter's `status()` (`{ activation: { pending } }`, see
 * src/upstreams/zscaler-zia/activation-scheduler.ts): the source of `zia_pending_activations`.
 */
export function pendingZiaActivations(
  tenants: readonly { id: string; upstream: Pick<UpstreamAdapter, 'name' | 'status'> }[],
): [tenant: string, pending: number][] {
  return tenants
    .filter((t) => t.upstream.name === 'zscaler-zia')
    .map((t) => [t.id, isPending(t.upstream.status?.()) ? 1 : 0]);
}

const isPending = (status: Record<string, unknown> | undefined): boolean => {
  const activation = status?.activation;
  return typeof activation === 'object' && activation !== null && (activation as { pending?: unknown }).pending === true;
};
