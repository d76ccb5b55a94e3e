import { describe, expect, it } from 'vitest';
import { createBridgeMetrics, type BridgeMetrics } from '../../../src/observability/metrics.js';
import { upstreamGaugeReadings } from '../../../src/observability/metric-sources.js';
import type { UpstreamCallRecord } from '../../../src/upstreams/call-record.js';

type Labels = Record<string, string>;

/** The value of the one sample of `name` (or of its `_bucket`/`_sum`/`_count` series) with exactly these labels. */
async function sample(metrics: BridgeMetrics, name: string, labels: Labels, series = name): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  // Histograms name each series (`_bucket`, `_sum`, `_count`); counters and gauges leave `metricName` out.
  const values: { value: number; labels: object; metricName?: string }[] = (await metric.get()).values;
  // prom-client reports a bucket's `le` as a number; the exposition (and these tests) spell it as text.
  const text = (l: object) =>
    JSON.stringify(
      Object.entries(l)
        .map(([k, v]) => [k, String(v)])
        .sort(),
    );
  const sameLabels = (l: object) => text(l) === text(labels);
  return values.find((v) => (v.metricName ?? name) === series && sameLabels(v.labels))?.value;
}

const call = (extra: Partial<UpstreamCallRecord> = {}): UpstreamCallRecord => ({
  upstream: 'zuora-rest',
  method: 'GET',
  path: '/v1/users/{id}',
  status: 200,
  durationMs: 250,
  attempt: 1,
  ...extra,
});

describe('BridgeMetrics', () => {
  it('counts requests by route template, method and status and observes their latency in seconds', async () => {
    const metrics = createBridgeMetrics({ processMetrics: false });
    metrics.observeRequest({ route: '/scim/v2/Users/:id', method: 'GET', status: 200, durationSeconds: 0.02 });
    metrics.observeRequest({ route: '/scim/v2/Users/:id', method: 'GET', status: 200, durationSeconds: 0.3 });
    metrics.observeRequest({ route: '/scim/v2/Users/:id', method: 'GET', status: 404, durationSeconds: 0.001 });

    const requests = 'scim_bridge_http_requests_total';
    expect(await sample(metrics, requests, { route: '/scim/v2/Users/:id', method: 'GET', status: '200' })).toBe(2);
    expect(await sample(metrics, requests, { route: '/scim/v2/Users/:id', method: 'GET', status: '404' })).toBe(1);
    const latency = 'scim_bridge_http_request_duration_seconds';
    const route = { route: '/scim/v2/Users/:id', method: 'GET' };
    expect(await sample(metrics, latency, route, `${latency}_count`)).toBe(3);
    expect(await sample(metrics, latency, route, `${latency}_sum`)).toBeCloseTo(0.321);
    expect(await sample(metrics, latency, { ...route, le: '0.025' }, `${latency}_bucket`)).toBe(2);
    expect(await sample(metrics, latency, { ...route, le: '0.25' }, `${latency}_bucket`)).toBe(2);
    expect(await sample(metrics, latency, { ...route, le: '0.5' }, `${latency}_bucket`)).toBe(3);
  });

  it('counts upstream attempts by upstream, method, route and status, and retries only from the second attempt', async () => {
    const metrics = createBridgeMetrics({ processMetrics: false });
    metrics.observeUpstreamCall(call({ status: 503, attempt: 1 }));
    metrics.observeUpstreamCall(call({ status: 0, error: 'ECONNRESET', attempt: 2, durationMs: 5 }));
    metrics.observeUpstreamCall(call({ status: 200, attempt: 3 }));
    metrics.observeUpstreamCall(call({ method: 'POST', path: '/v1/users', status: 200, attempt: 1 }));

    const calls = 'scim_bridge_upstream_requests_total';
    const one = { upstream: 'zuora-rest', method: 'GET', route: '/v1/users/{id}' };
    expect(await sample(metrics, calls, { ...one, status: '503' })).toBe(1);
    expect(await sample(metrics, calls, { ...one, status: 'ECONNRESET' })).toBe(1);
    expect(await sample(metrics, calls, { ...one, status: '200' })).toBe(1);
    expect(await sample(metrics, 'scim_bridge_upstream_retries_total', one)).toBe(2);
    expect(await sample(metrics, 'scim_bridge_upstream_retries_total', { ...one, method: 'POST', route: '/v1/users' })).toBeUndefined();
    const latency = 'scim_bridge_upstream_request_duration_seconds';
    expect(await sample(metrics, latency, one, `${latency}_count`)).toBe(3);
    expect(await sample(metrics, latency, one, `${latency}_sum`)).toBeCloseTo(0.505);
  });

  it("reports the budget each tenant's upstream endpoints have left, read at scrape time", async () => {
    let readings = [
      { tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'POST /status/activate', remaining: 40 },
      { tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'DELETE /users/{userId}', remaining: 400 },
      { tenant: 'globex', upstream: 'zscaler-zia', endpoint: 'POST /status/activate', remaining: 7 },
    ];
    const metrics = createBridgeMetrics({ processMetrics: false, upstreamBudgets: () => readings });
    const budget = 'scim_bridge_upstream_budget_remaining';
    expect(await sample(metrics, budget, { tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'POST /status/activate' })).toBe(40);
    expect(await sample(metrics, budget, { tenant: 'globex', upstream: 'zscaler-zia', endpoint: 'POST /status/activate' })).toBe(7);
    readings = [{ tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'POST /status/activate', remaining: 39 }];
    expect(await sample(metrics, budget, { tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'POST /status/activate' })).toBe(39);
    expect(await sample(metrics, budget, { tenant: 'acme', upstream: 'zscaler-zia', endpoint: 'DELETE /users/{userId}' })).toBeUndefined();
  });

  it('computes reconciler lag at scrape time, counting from start for a tenant never reconciled', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const metrics = createBridgeMetrics({
      processMetrics: false,
      now: () => now,
      lastReconciled: async () => [
        ['acme', new Date('2026-01-01T11:59:00Z')],
        ['globex', undefined],
      ],
    });
    now += 30_000;
    const lag = 'scim_bridge_reconciler_lag_seconds';
    expect(await sample(metrics, lag, { tenant: 'acme' })).toBe(90);
    expect(await sample(metrics, lag, { tenant: 'globex' })).toBe(30);
    now += 10_000;
    expect(await sample(metrics, lag, { tenant: 'acme' })).toBe(100);
  });

  it('still answers a scrape when the reconcile times cannot be read, without a lag series', async () => {
    const metrics = createBridgeMetrics({ processMetrics: false, lastReconciled: () => Promise.reject(new Error('store down')) });
    metrics.observeRequest({ route: '/healthz', method: 'GET', status: 200, durationSeconds: 0.001 });

    const text = await metrics.registry.metrics();
    expect(text).toContain('scim_bridge_http_requests_total{route="/healthz",method="GET",status="200"} 1');
    expect(text).not.toMatch(/^scim_bridge_reconciler_lag_seconds\{/m);
  });

  it('reads pending ZIA activations from the adapters of ZIA tenants only', async () => {
    let pending = true;
    const tenants = [
      { id: 'acme', upstream: { name: 'zscaler-zia', status: () => ({ activation: { pending }, pendingDeletions: 0 }) } },
      { id: 'globex', upstream: { name: 'zscaler-zia', status: () => ({ activation: { pending: false } }) } },
      { id: 'initech', upstream: { name: 'zuora-rest' } },
    ];
    const metrics = createBridgeMetrics({ processMetrics: false, upstreamGauges: () => upstreamGaugeReadings(tenants) });

    const gauge = 'scim_bridge_zia_pending_activations';
    expect(await sample(metrics, gauge, { tenant: 'acme' })).toBe(1);
    expect(await sample(metrics, gauge, { tenant: 'globex' })).toBe(0);
    expect(await sample(metrics, gauge, { tenant: 'initech' })).toBeUndefined();
    pending = false;
    expect(await sample(metrics, gauge, { tenant: 'acme' })).toBe(0);
  });

  it('keeps each instance on its own registry, process metrics included', async () => {
    const first = createBridgeMetrics();
    const second = createBridgeMetrics();
    first.observeRequest({ route: '/metrics', method: 'GET', status: 200, durationSeconds: 0.001 });

    const labels = { route: '/metrics', method: 'GET', status: '200' };
    expect(await sample(first, 'scim_bridge_http_requests_total', labels)).toBe(1);
    expect(await sample(second, 'scim_bridge_http_requests_total', labels)).toBeUndefined();
    for (const m of [first, second]) expect(await m.registry.metrics()).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(await createBridgeMetrics({ processMetrics: false }).registry.metrics()).not.toContain('process_cpu');
  });
});
