import { createZscalerZiaSimulator, type ZscalerZiaSimulator, type ZscalerZiaSimulatorOptions } from '@scim-bridge/simulators/zscaler-zia';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import type { UpstreamDeps } from '../../src/upstreams/create-upstream.js';
import type { ZscalerZiaAdapterDeps } from '../../src/upstreams/zscaler-zia/index.js';
import { countingTransport } from './counting-transport.js';
import { manualClock, type ManualClock } from './manual-clock.js';
import { TOKEN } from './scim-client.js';

export interface ClockedZiaBridge {
  bridge: Bridge;
  sim: ZscalerZiaSimulator;
  /** One clock for the bridge, its ZIA adapter and the simulator's budgets and sessions. */
  clock: ManualClock;
  /** Until no request is on the wire, and a few turns more for what their answers start. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The bridge on an in-memory store against a ZIA simulator that keeps ZIA's documented budgets, all on one fake clock
 * (as test/unit/upstreams/zscaler-zia/harness.ts does for the adapter alone): a budget wait moves the clock instead of
 * waiting, and a test moves it across hours with `clock.advance`. ZIA's own activation of an idle admin's changes is
 * off, so every activation counted is the bridge's.
 */
export async function startClockedZiaBridge(options: {
  simulator?: ZscalerZiaSimulatorOptions;
  /** Console edits before the bridge starts (departments the directory names…). */
  seed?: (sim: ZscalerZiaSimulator) => void;
  upstream?: Record<string, unknown>;
  tenant?: Record<string, unknown>;
}): Promise<ClockedZiaBridge> {
  const transport = countingTransport();
  const clock = manualClock({ start: Date.now(), sleeps: 'advance', busy: () => transport.inFlight() > 0 });
  const sim = createZscalerZiaSimulator({
    domains: 'any',
    now: clock.now,
    ...options.simulator,
    behaviour: { activateAfterIdleSeconds: null, ...options.simulator?.behaviour },
  });
  const url = await sim.listen(0);
  options.seed?.(sim);
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
            retry: { baseDelayMs: 1 },
            ...options.upstream,
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...options.tenant,
        },
      ],
    },
    {},
  );
  // The bridge's deps type names only what every upstream takes; ZIA's adapter also takes the clock.
  const upstreamDeps: UpstreamDeps & ZscalerZiaAdapterDeps = { clock, dispatcher: transport.dispatcher };
  const bridge = await createBridge(config, { logger: false, now: () => new Date(clock.now()), upstreamDeps });
  await bridge.reconcileAll();
  const settled = async () => {
    for (let quiet = 0; quiet < 5; quiet = transport.inFlight() > 0 ? 0 : quiet + 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    bridge,
    sim,
    clock,
    settled,
    async close() {
      await bridge.close();
      await sim.close();
      await transport.close();
    },
  };
}
