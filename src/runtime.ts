import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createRedisBudgetLedger } from './upstreams/http/redis-budget-ledger.js';
import { createRedisClient } from './redis-client.js';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { BridgeConfig } from './config/config-schema.js';
import { createIdpTokenVerifier } from './core/idp-credentials.js';
import { createProvisioningService, type ProvisioningService } from './core/provisioning-service.js';
import { reconcileUsers } from './core/reconcile/reconciler.js';
import type { TenantRuntime } from './core/tenant.js';
import { KeyedLock, tenantLocks } from './core/keyed-lock.js';
import { pendingCreates } from './core/pending-creates.js';

import { formatCall } from './core/audit-recorder.js';
import { groupResourceSchema, userResourceSchema, withAttributeOverrides } from './scim/schemas/index.js';
import { createPostgresStore } from './store/postgres/postgres-store.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { newUpstreamContext, type UpstreamCallFeed, type UpstreamCallRecord } from './upstreams/call-record.js';
import { createUpstream, type UpstreamDeps } from './upstreams/create-upstream.js';
import { REGISTRY, type Registry } from './registry.js';
import { syncFromSource, type SourceSyncReport } from './core/source-sync/sync.js';
import { DEFAULT_SOURCE_POLICY } from './sources/identity-source.js';
import { tenantWorkQueue } from './upstreams/durable-state.js';
import type { MappingProblem } from './upstreams/mapping-problem.js';
import { createAdminTokenVerifier } from './http/routes/admin-routes.js';
import { createBridgeMetrics } from './observability/metrics.js';
import { upstreamHealthTracker } from './observability/upstream-health.js';
import { lastReconciledFromStore, sourceSyncReadings, upstreamGaugeReadings } from './observability/metric-sources.js';
import { nextTick, syncedWithin, trackSync } from './core/source-sync/sync-status.js';
import { reconcileReadiness } from './observability/reconcile-readiness.js';
import { sourceReadiness } from './observability/source-sync-readiness.js';

/** How often each tenant's creates of unknown outcome are looked for (see core/pending-creates.ts). */
const PENDING_CREATE_SWEEP_MS = 5_000;

export interface Bridge {
  app: FastifyInstance;
  tenants: TenantRuntime[];
  store: Store;
  /** Rebuild every tenant's index from its upstream now. */
  reconcileAll(): Promise<void>;
  /**
   * Provision every tenant that has an identity source from it now (src/core/source-sync.ts): one report per such
   * tenant. Throws when a source cannot be read; nothing of that tenant is written then.
   */
  syncSources(options?: { tenant?: string; dryRun?: boolean; allowMassRemoval?: boolean }): Promise<Map<string, SourceSyncReport>>;
  /** At start-up: reconcile the tenants configured to (`reconcile.onStart`), one after another. */
  reconcileOnStart(): Promise<void>;
  close(): Promise<void>;
}

/** The configured store engine, migrated and ready. */
export async function openStore(c: BridgeConfig['store']): Promise<Store> {
  if (c.type === 'sqlite') return createSqliteStore({ path: c.path });
  return createPostgresStore({
    connectionString: c.connectionString,
    ...(c.schema ? { schema: c.schema } : {}),
    ...(c.maxConnections ? { maxConnections: c.maxConnections } : {}),
    preparedStatements: c.preparedStatements,
  });
}

export interface BridgeOptions {
  logger: Logger | false;
  upstreamDeps?: UpstreamDeps;
  now?: () => Date;
  /** Shared rate-limit counters for several replicas (the in-memory default counts per process). */
  redis?: Redis;
  /**
   * Resume work an upstream owed before a restart (a ZIA activation, queued deletions) before serving; default true.
   * `scim-bridge plan` turns it off: it promises to write nothing.
   */
  resumeOwedWork?: boolean;
  /**
   * The upstreams and sources the configuration was parsed against: the bridge's own (src/registry.ts) unless a test
   * adds its fakes.
   */
  registry?: Registry;
  /** Tenants started degraded (`serve --allow-degraded`): what their mapping names that the upstream lacks. */
  mappingProblems?: ReadonlyMap<string, readonly MappingProblem[]>;
}

/**
 * Everything between a validated configuration and a Fastify app ready to listen: the store, one upstream
 * adapter and provisioning service per tenant, the credential verifier, and the reconciler schedule.
 */
export async function createBridge(config: BridgeConfig, options: BridgeOptions): Promise<Bridge> {
  const store = await openStore(config.store);
  // One Redis client per process, from configuration or handed in (tests); absent: everything stays in memory.
  const ownRedis = !options.redis && config.redis ? createRedisClient(config.redis.url, options.logger || undefined) : undefined;
  const redis = options.redis ?? ownRedis;
  const budgetLedger = redis ? createRedisBudgetLedger(redis, { prefix: `${config.redis?.keyPrefix ?? 'scim-bridge:'}budget:` }) : undefined;
  const now = options.now ?? (() => new Date());
  const registry = options.registry ?? REGISTRY;
  const healthByTenant = new Map<string, ReturnType<typeof upstreamHealthTracker>>();
  // Filled once the tenants exist; the metrics read them only at scrape time.
  let tenantList: TenantRuntime[] = [];
  // Likewise each tenant's identity source by name, and when this replica's schedule started (for `nextSyncAt`).
  let sourceNames: [tenant: string, source: string][] = [];
  const syncSchedules = new Map<string, { since: Date; seconds: number }>();
  const reconcileSchedules = new Map<string, { since: Date; seconds: number }>();
  const metrics = createBridgeMetrics({
    lastReconciled: () =>
      lastReconciledFromStore(
        store.state,
        config.tenants.map((tc) => tc.id),
      ),
    upstreamGauges: () => upstreamGaugeReadings(tenantList, registry.gauges),
    upstreamBudgets: () =>
      tenantList.flatMap((t) =>
        (t.upstream.budgetsLeft?.() ?? []).map((b) => ({ tenant: t.id, upstream: t.upstream.name, endpoint: b.endpoint, remaining: b.remaining })),
      ),
    gauges: registry.gauges,
    sourceSyncs: () => sourceSyncReadings(store.state, sourceNames),
  });
  // Every tenant's upstream calls, background work included, for whoever listens (the console's activity charts).
  const callListeners: ((tenant: string, record: UpstreamCallRecord) => void)[] = [];
  const upstreamCalls: UpstreamCallFeed = { subscribe: (listener) => void callListeners.push(listener) };
  const tenants: TenantRuntime[] = config.tenants.map((tc) => {
    const state = {
      get: (key: string) => store.state.get(tc.id, `upstream:${key}`),
      set: (key: string, value: string) => store.state.set(tc.id, `upstream:${key}`, value),
    };
    const onCall = options.upstreamDeps?.onCall;
    const health = upstreamHealthTracker(now);
    healthByTenant.set(tc.id, health);
    const observe: UpstreamDeps['onCall'] = (record) => {
      metrics.observeUpstreamCall(record);
      health.observe(record);
      for (const listener of callListeners) listener(tc.id, record);
      onCall?.(record);
    };
    const recordWrite: UpstreamDeps['recordWrite'] = async (w) => {
      await store.audit.append({
        tenant: tc.id,
        at: now().toISOString(),
        requestId: w.batch ?? `${w.actor}-${now().getTime()}`,
        actor: w.actor,
        operation: w.operation,
        resourceType: w.resourceType,
        resourceId: undefined,
        upstreamId: w.upstreamId,
        status: w.status,
        upstreamCalls: w.calls.map(formatCall),
        detail: w.detail,
      });
    };
    const upstream = createUpstream(
      tc.upstream,
      {
        ...options.upstreamDeps,
        onCall: observe,
        state,
        workQueue: tenantWorkQueue(store.workQueue, tc.id),
        recordWrite,
        ...(budgetLedger ? { budgetLedger } : {}),
      },
      registry,
    );
    return {
      id: tc.id,
      upstream,
      store,
      userSchema: withAttributeOverrides(userResourceSchema(upstream.schemaExtensions?.user), upstream.attributeOverrides?.user ?? {}),
      groupSchema: withAttributeOverrides(groupResourceSchema(upstream.schemaExtensions?.group), upstream.attributeOverrides?.group ?? {}),
      limits: tc.lists,
      userReads: tc.userReads,
      drift: tc.drift,
      replayWindowSeconds: tc.replayWindowSeconds,
      now,
      locks: tenantLocks(new KeyedLock(), store.locks, tc.id),
    };
  });
  tenantList = tenants;
  // Each tenant's identity source, if it has one: read only, on the sync's schedule (issue 13), or `syncSources()`.
  // Each HTTP exchange with a tenant's directory is counted in /metrics, by tenant and source.
  const sourceCalls = (tenant: string) => (record: UpstreamCallRecord) => {
    metrics.observeSourceCall(tenant, record);
    options.upstreamDeps?.onCall?.(record);
  };
  const sources = new Map(
    config.tenants.flatMap((tc) => (tc.source ? [[tc.id, registry.createSource(tc.source, { onCall: sourceCalls(tc.id) })] as const] : [])),
  );
  sourceNames = [...sources].map(([tenant, source]) => [tenant, source.name]);
  const services = new Map<string, ProvisioningService>(tenants.map((t) => [t.id, createProvisioningService(t)]));
  const verifier = createIdpTokenVerifier(config.tenants.flatMap((tc) => tc.idpTokens.map((tok) => ({ ...tok, tenant: tc.id }))));
  const app = await buildApp({
    services,
    upstreamCalls,
    verifier,
    rateLimit: { ...config.rateLimit, redis, ...(config.redis ? { redisKeyPrefix: config.redis.keyPrefix } : {}) },
    bodyLimitBytes: config.server.bodyLimitBytes,
    requestLimits: config.server.limits,
    timeouts: config.server.timeouts,
    patchResponse: config.server.patchResponse,
    publicBaseUrl: config.server.publicBaseUrl,
    logger: options.logger,
    metrics,
    metricsToken: config.server.metricsToken,
    ...(config.adminTokens ? { adminVerifier: createAdminTokenVerifier(config.adminTokens) } : {}),
    audit: store.audit,
    readiness: async () => {
      const storeOk = await store.state.get('', 'readiness-probe').then(
        () => true,
        () => false,
      );
      // An unreachable upstream does not make the bridge unready: it still answers filters from its index and tells
      // the IdP to retry writes (503). The state is reported for operators and alerts. Likewise a tenant started
      // degraded is named not ready, with its problems, while the bridge (and every other tenant) stays ready.
      const upstreams = Object.fromEntries(
        tenants.map((t) => {
          const problems = options.mappingProblems?.get(t.id) ?? [];
          const mapping = problems.length > 0 ? { ready: false, mappingProblems: problems.map((p) => p.message) } : { ready: true };
          return [t.id, { ...mapping, upstream: t.upstream.name, ...healthByTenant.get(t.id)?.snapshot(), ...(t.upstream.status?.() ?? {}) }];
        }),
      );
      // Each tenant's reconciler: its last run (from the store, whichever replica ran it) and this replica's next.
      for (const t of tenants) {
        const schedule = reconcileSchedules.get(t.id);
        const next = schedule && nextTick(schedule.since, schedule.seconds, now());
        Object.assign(upstreams[t.id] ?? {}, { reconcile: await reconcileReadiness(store.state, t.id, next) });
      }
      // A tenant's identity source is reported the same way, and never makes the bridge unready (source-sync-readiness.ts).
      for (const [tenant, name] of sourceNames) {
        const schedule = syncSchedules.get(tenant);
        const next = schedule && nextTick(schedule.since, schedule.seconds, now());
        Object.assign(upstreams[tenant] ?? {}, { source: await sourceReadiness(store.state, tenant, name, next) });
      }
      return { ready: storeOk, components: { store: storeOk ? 'ok' : 'unavailable', tenants: upstreams } };
    },
  });
  const log = options.logger || undefined;

  /**
   * One reconcile of a tenant on the schedule (or at start): the index follows the upstream, owed derived writes are
   * made, drift is reported, and written back only under `drift: "enforce"`. Anything that did not go to plan is a
   * warning, so a tenant that cannot be served as configured is never reported as a quiet success.
   */
  const reconcileOne = async (t: TenantRuntime) => {
    const report = await reconcileUsers(t, newUpstreamContext(`reconcile-${t.id}-${Date.now()}`), {
      actor: 'reconciler',
      repairOwed: true,
      enforceDrift: t.drift === 'enforce',
    });
    const { drift, owed, ...counts } = report;
    const summary = { tenant: t.id, ...counts, drift: { count: drift.count, enforced: drift.enforced, failed: drift.failed }, owed };
    if (drift.failed > 0 || owed.failed > 0) log?.warn(summary, 'reconciled user index; some writes failed and will be retried');
    else log?.info(summary, 'reconciled user index');
    for (const d of drift.users) {
      log?.warn(
        { tenant: t.id, userId: d.userId, userName: d.userName, since: d.since, attributes: d.changes.map((c) => c.attribute), policy: t.drift },
        "drift: the upstream holds this user differently from the bridge's last write",
      );
    }
  };
  const timers: NodeJS.Timeout[] = [];
  config.tenants.forEach((tc, i) => {
    const t = tenants[i];
    if (!t || tc.reconcile.intervalSeconds === 0) return;
    const timer = setInterval(() => {
      reconcileOne(t).catch((err: unknown) => log?.warn({ err, tenant: t.id }, 'reconcile failed; the next run will retry'));
    }, tc.reconcile.intervalSeconds * 1000);
    reconcileSchedules.set(t.id, { since: now(), seconds: tc.reconcile.intervalSeconds });
    timer.unref();
    timers.push(timer);
  });
  // Creates a replica could not finish knowing (killed between the upstream write and the index write, or its answer
  // lost) are settled within seconds, not at the next reconcile; a sweep with nothing pending is one state read.
  for (const t of tenants) {
    let sweeping = false;
    const timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      pendingCreates(t)
        .sweep(newUpstreamContext(`pending-creates-${t.id}-${Date.now()}`))
        .then((n) => {
          if (n.indexed + n.absent + n.unknown > 0) log?.info({ tenant: t.id, ...n }, 'settled creates whose outcome was not known');
        })
        .catch((err: unknown) => log?.warn({ err, tenant: t.id }, 'settling pending creates failed; the next sweep will retry'))
        .finally(() => (sweeping = false));
    }, PENDING_CREATE_SWEEP_MS);
    timer.unref();
    timers.push(timer);
  }

  /**
   * One sync of a tenant from its identity source (core/source-sync/), under a tenant-wide lock every replica honours,
   * so two replicas never apply the same plan twice. Logged; the report is also returned.
   */
  const syncOneSource = async (
    tenantId: string,
    { scheduled = false, ...run }: { dryRun?: boolean; allowMassRemoval?: boolean; scheduled?: boolean },
  ): Promise<SourceSyncReport | undefined> => {
    const source = sources.get(tenantId);
    const service = services.get(tenantId);
    if (!source || !service) return undefined;
    // What the service answers goes nowhere but the report, so any of the tenant's addresses serves as its base.
    const origin = (config.server.publicBaseUrl ?? `http://${config.server.host}:${config.server.port}`).replace(/\/+$/, '');
    const policy = source.policy ?? DEFAULT_SOURCE_POLICY;
    // Its outcome is kept in the store (every replica's /readyz shows it) and counted in /metrics: sync-status.ts.
    const tracking = {
      state: store.state,
      now,
      observe: metrics.observeSourceSync,
      onSaveFailed: (err: unknown) => log?.warn({ err, tenant: tenantId }, "the identity source sync's status could not be stored"),
    };
    const report = await service.tenant.locks.run(['source-sync'], async () => {
      // Each replica keeps its own schedule: one whose turn comes while another's run is recent leaves the turn to it.
      if (scheduled && (await syncedWithin(store.state, tenantId, now(), (policy.intervalSeconds * 1000) / 2))) return undefined;
      return trackSync({ tenant: tenantId, source: source.name }, tracking, () =>
        syncFromSource(source, service, {
          baseUrl: `${origin}/t/${encodeURIComponent(tenantId)}/scim/v2`,
          runId: `source-${tenantId}-${now().getTime()}`,
          caps: policy.caps,
          removal: policy.removal,
          ...run,
        }),
      );
    });
    if (!report) {
      log?.debug({ tenant: tenantId, source: source.name }, 'identity source synced moments ago (by another replica): this turn is skipped');
      return undefined;
    }
    const { plan, failed, ...counts } = report;
    const summary = {
      tenant: tenantId,
      source: source.name,
      ...counts,
      planned: {
        creates: plan.creates.length,
        adoptions: plan.adoptions.length,
        updates: plan.updates.length,
        removals: plan.removals.length,
        conflicts: plan.conflicts.length,
      },
      failed: failed.length,
    };
    if (report.refused) log?.warn(summary, 'identity source sync refused: nothing was applied');
    else log?.info(summary, run.dryRun ? 'identity source sync planned (dry run): nothing was written' : 'provisioned from the identity source');
    for (const f of failed) log?.warn({ tenant: tenantId, source: source.name, ...f }, 'a write from the identity source failed; the next sync retries it');
    return report;
  };
  for (const [tenantId, source] of sources) {
    const seconds = (source.policy ?? DEFAULT_SOURCE_POLICY).intervalSeconds;
    if (seconds === 0) continue;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      syncOneSource(tenantId, { scheduled: true })
        .catch((err: unknown) => log?.warn({ err, tenant: tenantId }, 'identity source sync failed: nothing was applied; the next run retries'))
        .finally(() => (running = false));
    }, seconds * 1000);
    syncSchedules.set(tenantId, { since: now(), seconds });
    timer.unref();
    timers.push(timer);
  }

  // Work an upstream owed before a restart (a ZIA activation) is resumed before the first request is served.
  if (options.resumeOwedWork ?? true) for (const t of tenants) await t.upstream.start?.(newUpstreamContext(`start-${t.id}`));

  return {
    app,
    tenants,
    store,
    async reconcileAll() {
      for (const t of tenants) await reconcileOne(t);
    },
    syncSources: async ({ tenant, ...run } = {}) => {
      const reports = new Map<string, SourceSyncReport>();
      for (const tenantId of sources.keys()) {
        if (tenant !== undefined && tenantId !== tenant) continue;
        const report = await syncOneSource(tenantId, run);
        if (report) reports.set(tenantId, report);
      }
      return reports;
    },
    async reconcileOnStart() {
      for (const [i, t] of tenants.entries()) if (config.tenants[i]?.reconcile.onStart) await reconcileOne(t);
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await app.close();
      await Promise.all(tenants.map((t) => t.upstream.close()));
      await Promise.all([...sources.values()].map((s) => s.close()));
      await store.close();
      ownRedis?.disconnect();
    },
  };
}
