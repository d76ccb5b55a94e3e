import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load-config.js';
import { hashToken } from '../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../src/runtime.js';
import type { SimulatorReady } from './simulator-process.js';

export const TENANT = 'bench';

export interface BenchBridgeOptions {
  /** The tenant's `upstream` configuration (src/config/config-schema.ts), pointed at a simulator. */
  upstream: Record<string, unknown>;
  token: string;
  /** `upstream`: GET /Users/{id} reads the upstream each time (the default); `index`: answered from the index. */
  userReads: 'upstream' | 'index';
  /** The `store` configuration: SQLite (`:memory:` or a file of {@link benchStorePaths}), or PostgreSQL shared by replicas. */
  store: { type: 'sqlite'; path: string } | { type: 'postgres'; connectionString: string; schema: string };
  /** Shared rate-limit counters (several replicas); per-process memory when absent. */
  redis?: { url: string; keyPrefix: string };
  /** The IdP credential's label, which also names its rate-limit counter (`<tenant>:<label>`). Default `bench`. */
  tokenLabel?: string;
  /** Build the index from the upstream before listening (default); a second replica reads the one a first built. */
  reconcile?: boolean;
}

/** Live users of the index, by position: the bridge's SCIM id, the upstream's id and the userName of each. */
export interface SampledUsers {
  ids: string[];
  upstreamIds: string[];
  userNames: string[];
}

export interface BenchBridge {
  bridge: Bridge;
  url: string;
  /** `count` live users of the index, spread evenly over it. */
  sample(count: number): Promise<SampledUsers>;
}

/** The bench tenant's Zuora REST upstream: the simulator's credentials and a single default profile. */
export const zuoraRestUpstream = (sim: SimulatorReady): Record<string, unknown> => ({
  type: 'zuora-rest',
  baseUrlOverride: sim.url,
  clientId: sim.clientId,
  clientSecret: sim.clientSecret,
  profiles: { default: 'Standard User' },
});

/** Where a bench bridge keeps its store: SQLite in memory, or files in a temporary folder that `remove` deletes. */
export function benchStorePaths(store: 'memory' | 'file'): { next(): string; remove(): void } {
  if (store === 'memory') return { next: () => ':memory:', remove: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-bench-'));
  let n = 0;
  return { next: () => join(dir, `store-${++n}.db`), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A bridge configured as in production except for the rate limit, which is lifted so the benchmark measures the
 * request path, not the throttle; logging is off; the index is built by the reconciler before anything is measured
 * (unless `reconcile` is false: a replica whose shared store another replica filled).
 */
export async function startBenchBridge(options: BenchBridgeOptions): Promise<BenchBridge> {
  const config = parseConfig(
    {
      server: { host: '127.0.0.1', port: 0 },
      store: options.store,
      ...(options.redis ? { redis: options.redis } : {}),
      rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
      logLevel: 'silent',
      tenants: [
        {
          id: TENANT,
          idpTokens: [{ label: options.tokenLabel ?? 'bench', sha256: hashToken(options.token) }],
          upstream: options.upstream,
          userReads: options.userReads,
          reconcile: { onStart: options.reconcile ?? true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false });
  if (options.reconcile ?? true) await bridge.reconcileAll();
  const url = await bridge.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    bridge,
    url,
    async sample(count) {
      const live = await bridge.store.users.listLive(TENANT);
      if (live.length === 0) throw new Error('the reconciler indexed no users');
      const picked = Array.from({ length: Math.min(count, live.length) }, (_, i) => live[Math.floor((i * live.length) / count)]).flatMap((u) => (u ? [u] : []));
      return { ids: picked.map((u) => u.id), upstreamIds: picked.map((u) => u.upstreamId), userNames: picked.map((u) => u.userName) };
    },
  };
}
