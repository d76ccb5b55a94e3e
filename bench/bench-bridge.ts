import { parseConfig } from '../src/config/load-config.js';
import { hashToken } from '../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../src/runtime.js';
import type { SimulatorReady } from './simulator-process.js';

export const TENANT = 'bench';

export interface BenchBridgeOptions {
  upstream: SimulatorReady;
  token: string;
  /** `upstream`: GET /Users/{id} reads the upstream each time (the default); `index`: answered from the index. */
  userReads: 'upstream' | 'index';
  /** SQLite path, `:memory:` or a temporary file. */
  storePath: string;
}

export interface BenchBridge {
  bridge: Bridge;
  url: string;
  /** `count` live users of the index, spread evenly over it: their SCIM ids and userNames. */
  sample(count: number): Promise<{ ids: string[]; userNames: string[] }>;
}

/**
 * A bridge configured as in production except for the rate limit, which is lifted so the benchmark measures the
 * request path, not the throttle; logging is off; the index is built by the reconciler before anything is measured.
 */
export async function startBenchBridge(options: BenchBridgeOptions): Promise<BenchBridge> {
  const config = parseConfig(
    {
      server: { host: '127.0.0.1', port: 0 },
      store: { type: 'sqlite', path: options.storePath },
      rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
      logLevel: 'silent',
      tenants: [
        {
          id: TENANT,
          idpTokens: [{ label: 'bench', sha256: hashToken(options.token) }],
          upstream: {
            type: 'zuora-rest',
            baseUrlOverride: options.upstream.url,
            clientId: options.upstream.clientId,
            clientSecret: options.upstream.clientSecret,
            profiles: { default: 'Standard User' },
          },
          userReads: options.userReads,
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false });
  await bridge.reconcileAll();
  const url = await bridge.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    bridge,
    url,
    async sample(count) {
      const live = await bridge.store.users.listLive(TENANT);
      if (live.length === 0) throw new Error('the reconciler indexed no users');
      const picked = Array.from({ length: Math.min(count, live.length) }, (_, i) => live[Math.floor((i * live.length) / count)]);
      return {
        ids: picked.flatMap((u) => (u ? [u.id] : [])),
        userNames: picked.flatMap((u) => (u ? [u.userName] : [])),
      };
    },
  };
}
