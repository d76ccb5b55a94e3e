import { readSyncStatus } from '../core/source-sync/sync-status.js';
import type { StateStore } from '../store/store.js';
import type { SourceSyncReading } from './source-sync-metrics.js';
import { REGISTRY } from '../registry.js';
import type { UpstreamGauge } from '../upstreams/upstream-descriptor.js';
import type { UpstreamAdapter } from '../upstreams/upstream.js';

/** Where `reconcileUsers` (src/core/reconciler.ts) leaves its report, written only when a run succeeds. */
const LAST_RUN_KEY = 'reconciler.lastRun';

/**
 * When each tenant's last successful reconcile finished, from the report the reconciler stores: the source of
 * `reconciler_lag_seconds`. Reading the store (not process memory) keeps it right across replicas and restarts.
 */
export async function lastReconciledFromStore(state: StateStore, tenantIds: readonly string[]): Promise<[tenant: string, finishedAt: Date | undefined][]> {
  return Promise.all(tenantIds.map(async (tenant): Promise<[string, Date | undefined]> => [tenant, finishedAt(await state.get(tenant, LAST_RUN_KEY))]));
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

/** One tenant's value of an upstream's gauge (a descriptor's `metrics`, src/upstreams/upstream-descriptor.ts). */
export interface UpstreamGaugeReading {
  /** The gauge's name without the bridge prefix, e.g. `zia_pending_activations`. */
  gauge: string;
  tenant: string;
  value: number;
}

/**
 * The upstream gauges of every tenant, read from its adapter's `status()` by the gauges its upstream's descriptor
 * declares (a tenant whose upstream declares none has no series). Read at scrape time, so never stale.
 */
export function upstreamGaugeReadings(
  tenants: readonly { id: string; upstream: Pick<UpstreamAdapter, 'name' | 'status'> }[],
  gauges: readonly (UpstreamGauge & { upstream: string })[] = REGISTRY.gauges,
): UpstreamGaugeReading[] {
  return tenants.flatMap((t) =>
    gauges.filter((g) => g.upstream === t.upstream.name).map((g) => ({ gauge: g.name, tenant: t.id, value: g.read(t.upstream.status?.()) })),
  );
}

/**
 * Each tenant's identity source and its last syncs, from the store (core/source-sync/sync-status.ts): the source of
 * the `source_*` gauges, the same on every replica.
 */
export async function sourceSyncReadings(state: StateStore, sources: Iterable<readonly [tenant: string, source: string]>): Promise<SourceSyncReading[]> {
  return Promise.all(
    [...sources].map(async ([tenant, source]) => {
      const { lastSync, lastSuccess } = await readSyncStatus(state, tenant);
      return { tenant, source, lastSync, lastSuccess };
    }),
  );
}
