import type { Registry } from 'prom-client';
import { METRIC_PREFIX } from '../../observability/metrics.js';
import type { HealthLine } from './health-view.js';

/** The labels that place a reading; the others (an endpoint) tell readings of one gauge apart. */
const PLACING = new Set(['tenant', 'upstream']);

/**
 * What the bridge's own gauges say about one tenant, read from its Prometheus registry as `/metrics` would serve them:
 * every gauge labelled with the tenant (reconciler lag, an upstream's pending work such as owed ZIA activations) and
 * every gauge labelled with its upstream but no tenant (budgets an upstream's documented limits still allow). Keyed by
 * metric name, so a gauge an upstream adds shows without the console knowing it.
 */
export async function tenantGauges(registry: Registry, tenant: string, upstream: string | undefined): Promise<HealthLine[]> {
  const lines: HealthLine[] = [];
  for (const metric of await registry.getMetricsAsJSON()) {
    if (String(metric.type) !== 'gauge') continue;
    const name = metric.name.startsWith(METRIC_PREFIX) ? metric.name.slice(METRIC_PREFIX.length) : metric.name;
    for (const { labels, value } of metric.values) {
      const mine = labels['tenant'] === tenant || (labels['tenant'] === undefined && upstream !== undefined && labels['upstream'] === upstream);
      if (!mine) continue;
      const rest = Object.entries(labels)
        .filter(([k]) => !PLACING.has(k))
        .map(([k, v]) => `${k}=${String(v)}`);
      lines.push({ key: rest.length > 0 ? `${name} (${rest.join(', ')})` : name, value: String(Math.round(value * 1000) / 1000) });
    }
  }
  return lines;
}

/** What one endpoint's documented limit still allows, as `upstream_budget_remaining` reports it. */
export interface BudgetLeft {
  endpoint: string;
  remaining: number;
}

const BUDGET_GAUGE = `${METRIC_PREFIX}upstream_budget_remaining`;

/** The budgets left of a tenant's upstream, per endpoint in name order (none when the upstream reports none). */
export async function budgetsLeft(registry: Registry, tenant: string, upstream: string | undefined): Promise<BudgetLeft[]> {
  if (upstream === undefined) return [];
  const gauge = (await registry.getMetricsAsJSON()).find((m) => m.name === BUDGET_GAUGE);
  return (gauge?.values ?? [])
    .filter((v) => v.labels['tenant'] === tenant && v.labels['upstream'] === upstream && v.labels['endpoint'] !== undefined)
    .map((v) => ({ endpoint: String(v.labels['endpoint']), remaining: v.value }))
    .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}
