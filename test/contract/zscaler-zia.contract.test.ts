import { ziaHarness } from '../unit/upstreams/zscaler-zia/harness.js';
import { describeUpstreamContract } from './upstream-contract.js';

/*
 * ZIA has no inactive state. The suite runs in both deactivation modes: `delete` (the ZIA user is
 * removed and the SCIM user parked under a new id, which the contract follows) and `group` (the user stays in ZIA, in
 * the disabled group).
 */
for (const deactivation of [{ mode: 'delete' as const }, { mode: 'group' as const, disabledGroup: 'Disabled Users' }]) {
  describeUpstreamContract(`zscaler-zia (deactivation by ${deactivation.mode}) against its simulator`, async () => {
    const h = await ziaHarness({
      config: {
        deactivation,
        pageSize: 20,
        // Activations happen at close: none lands between the steps that count requests.
        activation: { debounceMs: 60_000, maxDelayMs: 3_600_000 },
      },
    });
    return {
      adapter: h.adapter,
      upstreamRequests: () => h.sim.calls().length,
      resetUpstreamRequests: () => h.sim.resetCalls(),
      // Every update reads the user first (ZIA's PUT replaces it whole): only writes are counted.
      upstreamWrites: () => h.sim.calls().filter((c) => c.method !== 'GET' && !c.route.endsWith('/authenticatedSession')).length,
      failNext: (count, status) =>
        h.sim.faults.failNext(count, status === 429 ? { kind: 'rateLimit' } : { kind: 'serverError', status }, `${h.sim.apiPrefix}/users*`),
      close: () => h.close(),
    };
  });
}
