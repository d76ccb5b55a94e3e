import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMetrics } from '../../src/http/plugins/metrics.js';
import { lastReconciledFromStore } from '../../src/observability/metric-sources.js';
import { createBridgeMetrics } from '../../src/observability/metrics.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import type { UpstreamAdapter } from '../../src/upstreams/upstream.js';
import { createZuoraRestAdapter } from '../../src/upstreams/zuora-rest/zuora-rest-adapter.js';
import { zuoraRestConfigSchema } from '../../src/upstreams/zuora-rest/zuora-rest-config.js';
import { PROFILES, startZuoraRestHarness } from '../support/zuora-rest-harness.js';
import { parseExposition, valueOf } from '../support/exposition.js';

describe('GET /metrics on an app serving SCIM routes backed by the Zuora REST simulator', () => {
  const metrics = createBridgeMetrics();
  let sim: ZuoraRestSimulator;
  let adapter: UpstreamAdapter;
  let app: FastifyInstance;

  beforeAll(async () => {
    sim = createZuoraRestSimulator();
    const url = await sim.listen(0);
    const config = zuoraRestConfigSchema.parse({
      type: 'zuora-rest',
      baseUrlOverride: url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      profiles: PROFILES,
    });
    adapter = createZuoraRestAdapter(config, { onCall: metrics.observeUpstreamCall, sleep: async () => undefined });
    app = Fastify({ logger: false });
    registerMetrics(app, metrics);
    app.get<{ Params: { id: string } }>('/scim/v2/Users/:id', async (request, reply) => {
      const found = await adapter.users.get(request.params.id, newUpstreamContext(request.id));
      return found ? { id: found.upstreamId, userName: found.user.userName } : reply.code(404).send({ status: '404' });
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await adapter.close();
    await sim.close();
  });

  it('labels requests by route template and upstream calls by upstream route, counting the retry', async () => {
    const [user] = sim.seedUsers(1);
    if (!user) throw new Error('no seeded user');
    sim.faults.failNext(1, { kind: 'serverError', status: 503 }, 'GET /v1/users/:id');

    expect((await app.inject({ method: 'GET', url: `/scim/v2/Users/${user.id}?attributes=userName` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/scim/v2/Users/no-such-user' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/scim/v2/Groups/${user.id}` })).statusCode).toBe(404);
    const scrape = await app.inject({ method: 'GET', url: '/metrics' });

    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toBe(metrics.registry.contentType);
    expect(scrape.body).not.toContain(user.id);
    expect(scrape.body).not.toContain('no-such-user');
    const { samples } = parseExposition(scrape.body);

    const requests = 'scim_bridge_http_requests_total';
    expect(valueOf(samples, requests, { route: '/scim/v2/Users/:id', method: 'GET', status: '200' })).toBe(1);
    expect(valueOf(samples, requests, { route: '/scim/v2/Users/:id', method: 'GET', status: '404' })).toBe(1);
    expect(valueOf(samples, requests, { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(valueOf(samples, 'scim_bridge_http_request_duration_seconds_count', { route: '/scim/v2/Users/:id', method: 'GET' })).toBe(2);

    const one = { upstream: 'zuora-rest', method: 'GET', route: '/v1/users/{id}' };
    const upstream = 'scim_bridge_upstream_requests_total';
    expect(valueOf(samples, upstream, { ...one, status: '503' })).toBe(1);
    expect(valueOf(samples, upstream, { ...one, status: '200' })).toBe(1);
    expect(valueOf(samples, upstream, { ...one, status: '404' })).toBe(1);
    expect(valueOf(samples, 'scim_bridge_upstream_retries_total', one)).toBe(1);
    // Every attempt the simulator received was observed once, no more.
    expect(valueOf(samples, 'scim_bridge_upstream_request_duration_seconds_count', one)).toBe(sim.count('GET', '/v1/users/:id'));
    expect(valueOf(samples, 'scim_bridge_upstream_request_duration_seconds_bucket', { ...one, le: '+Inf' })).toBe(3);
  });

  it('declares every family it exposes, the bridge families under the scim_bridge_ prefix', async () => {
    const { types, samples } = parseExposition((await app.inject({ method: 'GET', url: '/metrics' })).body);

    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('scim_bridge_')))).toEqual({
      scim_bridge_http_requests_total: 'counter',
      scim_bridge_http_request_duration_seconds: 'histogram',
      scim_bridge_upstream_requests_total: 'counter',
      scim_bridge_upstream_request_duration_seconds: 'histogram',
      scim_bridge_upstream_retries_total: 'counter',
      scim_bridge_upstream_budget_remaining: 'gauge',
      scim_bridge_reconciler_lag_seconds: 'gauge',
      scim_bridge_zia_pending_activations: 'gauge',
      scim_bridge_source_syncs_total: 'counter',
      scim_bridge_source_changes_total: 'counter',
      scim_bridge_source_sync_failures_total: 'counter',
      scim_bridge_source_requests_total: 'counter',
      scim_bridge_source_sync_lag_seconds: 'gauge',
      scim_bridge_source_last_success_timestamp_seconds: 'gauge',
      scim_bridge_source_last_sync_duration_seconds: 'gauge',
    });
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
    const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    for (const s of samples) expect(types.has(s.name) || types.has(family(s.name)), s.name).toBe(true);
  });
});

describe('GET /metrics behind a bearer token', () => {
  const metrics = createBridgeMetrics({ processMetrics: false });
  const app = Fastify({ logger: false });
  registerMetrics(app, metrics, { token: 'scrape-secret' });
  afterAll(() => app.close());

  it('refuses a scrape without the token or with another one, and serves it with the token', async () => {
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secreT' } });
    const right = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'bearer scrape-secret' } });

    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.body).not.toContain('scim_bridge_');
    expect(wrong.statusCode).toBe(401);
    expect(right.statusCode).toBe(200);
    const { samples } = parseExposition(right.body);
    expect(valueOf(samples, 'scim_bridge_http_requests_total', { route: '/metrics', method: 'GET', status: '401' })).toBe(2);
  });
});

describe('reconciler lag from a bridge that reconciled at start-up', () => {
  it('counts from the finish of the last reconcile the bridge stored', async () => {
    const harness = await startZuoraRestHarness({ seedUsers: 3 });
    try {
      const state = harness.bridge.store.state;
      const [[, finishedAt] = []] = await lastReconciledFromStore(state, ['default']);
      if (!finishedAt) throw new Error('the start-up reconcile left no report');
      const metrics = createBridgeMetrics({
        processMetrics: false,
        now: () => finishedAt.getTime() + 42_000,
        lastReconciled: () => lastReconciledFromStore(state, ['default', 'not-yet-reconciled']),
      });

      const { samples } = parseExposition(await metrics.registry.metrics());
      expect(valueOf(samples, 'scim_bridge_reconciler_lag_seconds', { tenant: 'default' })).toBe(42);
      expect(valueOf(samples, 'scim_bridge_reconciler_lag_seconds', { tenant: 'not-yet-reconciled' })).toBe(0);
    } finally {
      await harness.close();
    }
  });
});
