import type { Logger } from 'pino';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge } from '../../src/runtime.js';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator, type ZscalerZiaSimulatorOptions } from '@scim-bridge/simulators/zscaler-zia';
import type { BudgetLedger } from '../../src/upstreams/http/request-budget.js';
import { scimClient, TOKEN, type BridgeHarness } from './scim-client.js';

export type ZiaBridgeHarness = BridgeHarness<ZscalerZiaSimulator> & {
  /** A request to ZIA as an administrator makes it outside the bridge (seeding, console edits). */
  asAdmin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
};

export interface ZiaHarnessOptions {
  simulator?: ZscalerZiaSimulatorOptions;
  /** Before the bridge starts (and reads the tenant): users as a live tenant holds them. */
  seed?: (h: Pick<ZiaBridgeHarness, 'sim' | 'asAdmin'>) => Promise<void>;
  upstream?: Record<string, unknown>;
  tenant?: Record<string, unknown>;
  logger?: Logger;
  /**
   * Neither the bridge nor the simulator keeps ZIA's budgets (2 user reads a second…): for tests about what is
   * written, not about how fast, so that hundreds of writes take seconds rather than minutes.
   */
  unlimitedBudgets?: boolean;
}

const UNLIMITED: BudgetLedger = { reserve: async () => ({ granted: true, retryAfterMs: 0, remaining: [] }) };

/** The bridge on an in-memory store against a listening ZIA simulator (any email domain), as the sandbox runs it. */
export async function startZscalerZiaHarness(options: ZiaHarnessOptions = {}): Promise<ZiaBridgeHarness> {
  const sim = createZscalerZiaSimulator({
    domains: 'any',
    ...options.simulator,
    ...(options.unlimitedBudgets ? { behaviour: { ...options.simulator?.behaviour, rateLimits: false } } : {}),
  });
  const url = await sim.listen(0);
  const asAdmin = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${sim.apiPrefix}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: `JSESSIONID=${sim.issueSession()}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  if (options.seed) {
    // The administrator's seeding requests are not the bridge's: ZIA's budgets are left as the bridge will find them.
    const enforced = sim.behaviour().rateLimits;
    sim.setBehaviour({ rateLimits: false });
    await options.seed({ sim, asAdmin });
    sim.setBehaviour({ rateLimits: enforced });
    sim.resetBudgets();
  }
  const config = parseConfig(
    {
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }],
          upstream: {
            type: 'zscaler-zia',
            baseUrlOverride: `${url}${sim.apiPrefix}`,
            auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
            deactivation: { mode: 'delete' },
            defaultDepartment: 'Engineering',
            activation: { debounceMs: 200, maxDelayMs: 60_000 },
            bulkDeleteWindowMs: 100,
            ...options.upstream,
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...options.tenant,
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, {
    logger: options.logger ?? false,
    ...(options.unlimitedBudgets ? { upstreamDeps: { budgetLedger: UNLIMITED } } : {}),
  });
  await bridge.reconcileAll();
  await bridge.app.ready();
  return {
    bridge,
    sim,
    simUrl: url,
    http: scimClient(bridge),
    upstreamCalls: (method, route) => sim.count(method, route),
    asAdmin,
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}
