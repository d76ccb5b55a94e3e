import { parseConfig } from '../../src/config/load-config.js';
import { readinessAdminTokens } from '../support/readiness.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import type { UpstreamCallRecord } from '../../src/upstreams/call-record.js';
import type { UpstreamDeps } from '../../src/upstreams/create-upstream.js';
import { scimClient, TOKEN, type ScimClient } from '../support/scim-client.js';

/**
 * Retry bounds for every soak upstream: as many attempts as the default, with a tiny backoff so that a thousand
 * operations under 17 % faults stay fast. The faults are what is tested, not the waiting.
 */
export const SOAK_RETRY = { maxAttempts: 5, budgetMs: 10_000, baseDelayMs: 1, maxDelayMs: 5 };

export interface SoakBridge {
  bridge: Bridge;
  /** The bridge as the IdP sees it. */
  http: ScimClient;
  /** Every upstream attempt the bridge made, retries included (`attempt > 1`). */
  upstreamAttempts(): readonly UpstreamCallRecord[];
  close(): Promise<void>;
}

/** One tenant on an in-memory store in front of `upstream`, recording each upstream attempt the bridge makes. */
export async function startSoakBridge(upstream: Record<string, unknown>, deps: Omit<UpstreamDeps, 'onCall'> = {}): Promise<SoakBridge> {
  const attempts: UpstreamCallRecord[] = [];
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      // The bridge's own per-IdP rate limit is not under test: a scripted IdP sends far more than Okta would.
      rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      // `/readyz` details (queued ZIA deletions) are for an admin token.
      adminTokens: readinessAdminTokens,
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'soak-idp', sha256: hashToken(TOKEN) }],
          upstream: { ...upstream, retry: SOAK_RETRY },
          reconcile: { onStart: true, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false, upstreamDeps: { ...deps, onCall: (r) => void attempts.push(r) } });
  await bridge.reconcileAll();
  await bridge.app.ready();
  return { bridge, http: scimClient(bridge), upstreamAttempts: () => attempts, close: () => bridge.close() };
}
