import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamCallRecord } from '../upstreams/call-record.js';
import { REGISTRY } from '../registry.js';
import type { UpstreamGauge } from '../upstreams/upstream-descriptor.js';
import type { UpstreamGaugeReading } from './metric-sources.js';
import { registerSourceSyncMetrics, type SourceSyncMetrics, type SourceSyncReading } from './source-sync-metrics.js';

/** Every bridge metric starts with this (Prometheus naming: one application prefix, unit suffixes). */
export const METRIC_PREFIX = 'scim_bridge_';

/**
 * Latency buckets (seconds) for a gateway: loopback answers from the index take milliseconds, one upstream call tens
 * to hundreds, and retries within the upstream time budget (20 s by default) reach the tail.
 */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Read at scrape time, so the gauges are never stale. */
export interface BridgeMetricsSources {
  /** Per tenant, when its last successful reconcile finished (`undefined`: none yet). */
  lastReconciled?: () => Promise<Iterable<readonly [tenant: string, finishedAt: Date | undefined]>>;
  /** Per tenant, its upstream's gauges (`upstreamGaugeReadings` in metric-sources.ts). */
  upstreamGauges?: () => Iterable<UpstreamGaugeReading>;
  /** Per tenant with an identity source, its last syncs as the store holds them (`sourceSyncs`). */
  sourceSyncs?: () => Promise<Iterable<SourceSyncReading>>;
  /** Per tenant, what its upstream's documented budgets still allowed after their last request (`upstreamBudgetReadings`). */
  upstreamBudgets?: () => Iterable<UpstreamBudgetReading>;
}

/** One endpoint's budget left, of one tenant's upstream. */
export interface UpstreamBudgetReading {
  tenant: string;
  upstream: string;
  endpoint: string;
  remaining: number;
}

export interface BridgeMetricsOptions extends BridgeMetricsSources {
  /** prom-client's process and Node.js metrics (`process_*`, `nodejs_*`) on this registry; default true. */
  processMetrics?: boolean;
  /** Epoch milliseconds. */
  now?: () => number;
  /** The upstream gauges to expose; every registered upstream's (src/registry.ts) by default. */
  gauges?: readonly UpstreamGauge[];
}

/** One answered HTTP request, as the Fastify plugin sees it. */
export interface RequestObservation {
  /** The route template (`/scim/v2/Users/:id`), never the raw URL. */
  route: string;
  method: string;
  status: number;
  durationSeconds: number;
}

export interface BridgeMetrics extends SourceSyncMetrics {
  /** This bridge's own registry (never prom-client's global one): apps in one process do not share counters. */
  readonly registry: Registry;
  observeRequest(observation: RequestObservation): void;
  /** Pass as `UpstreamDeps.onCall`: counts one attempt against an upstream, and a retry when `attempt > 1`. */
  observeUpstreamCall(record: UpstreamCallRecord): void;
}

/**
 * The bridge's Prometheus metrics (issue 5 "Health and metrics"; exposition format: prometheus.io "Exposition
 * formats"): requests by route and status, latency histograms, upstream calls, retries, budgets left, reconciler lag
 * and each upstream's own gauges (its descriptor's `metrics`, e.g. pending ZIA activations); identity sources' syncs
 * and directory calls (source-sync-metrics.ts).
 */
export function createBridgeMetrics(options: BridgeMetricsOptions = {}): BridgeMetrics {
  const registry = new Registry();
  const now = options.now ?? Date.now;
  const startedAt = now();
  const registers = [registry];
  const buckets = [...LATENCY_BUCKETS_SECONDS];
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route template, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers,
  });
  const requestSeconds = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time to answer an HTTP request, by route template and method.',
    labelNames: ['route', 'method'],
    buckets,
    registers,
  });
  const upstreamLabels = ['upstream', 'method', 'route'] as const;
  const upstreamCalls = new Counter({
    name: `${METRIC_PREFIX}upstream_requests_total`,
    help: 'Upstream HTTP attempts, by upstream, method, route template and status (error code when no response came).',
    labelNames: [...upstreamLabels, 'status'],
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: `${METRIC_PREFIX}upstream_request_duration_seconds`,
    help: 'Duration of one upstream HTTP attempt, by upstream, method and route template.',
    labelNames: upstreamLabels,
    buckets,
    registers,
  });
  const retries = new Counter({
    name: `${METRIC_PREFIX}upstream_retries_total`,
    help: 'Upstream attempts after the first one of a request.',
    labelNames: upstreamLabels,
    registers,
  });
  const budgets = options.upstreamBudgets;
  new Gauge({
    name: `${METRIC_PREFIX}upstream_budget_remaining`,
    help: "Requests an upstream endpoint's documented limit still allowed after its last request, in its longest window.",
    labelNames: ['tenant', 'upstream', 'endpoint'],
    registers,
    collect() {
      this.reset();
      for (const b of budgets?.() ?? []) this.set({ tenant: b.tenant, upstream: b.upstream, endpoint: b.endpoint }, b.remaining);
    },
  });

  const { lastReconciled } = options;
  const upstreamReadings = options.upstreamGauges;
  new Gauge({
    name: `${METRIC_PREFIX}reconciler_lag_seconds`,
    help: 'Seconds since the last successful reconcile of a tenant (since start when there has been none).',
    labelNames: ['tenant'],
    registers,
    async collect() {
      this.reset();
      if (!lastReconciled) return;
      // A store outage must not take every other metric down with it: the lag is then simply absent.
      const times = await lastReconciled().catch(() => []);
      for (const [tenant, finishedAt] of times) this.set({ tenant }, Math.max(0, now() - (finishedAt?.getTime() ?? startedAt)) / 1000);
    },
  });
  // One gauge per name (names are unique across descriptors); each reads the tenants' values at scrape time.
  for (const gauge of uniqueByName(options.gauges ?? REGISTRY.gauges)) {
    new Gauge({
      name: `${METRIC_PREFIX}${gauge.name}`,
      help: gauge.help,
      labelNames: ['tenant'],
      registers,
      collect() {
        this.reset();
        for (const r of upstreamReadings?.() ?? []) if (r.gauge === gauge.name) this.set({ tenant: r.tenant }, r.value);
      },
    });
  }

  const sources = registerSourceSyncMetrics(registry, { prefix: METRIC_PREFIX, readings: options.sourceSyncs, now, startedAt });

  return {
    registry,
    ...sources,
    observeRequest: ({ route, method, status, durationSeconds }) => {
      requests.inc({ route, method, status: String(status) });
      requestSeconds.observe({ route, method }, durationSeconds);
    },
    observeUpstreamCall: (record) => {
      const labels = { upstream: record.upstream, method: record.method, route: record.path };
      // No response: the error code (bounded: undici and Node codes) says more than a bare 0.
      const status = record.status === 0 ? (record.error ?? 'no_response') : String(record.status);
      upstreamCalls.inc({ ...labels, status });
      upstreamSeconds.observe(labels, record.durationMs / 1000);
      if (record.attempt > 1) retries.inc(labels);
    },
  };
}

const uniqueByName = (gauges: readonly UpstreamGauge[]): UpstreamGauge[] => [...new Map(gauges.map((g) => [g.name, g])).values()];
