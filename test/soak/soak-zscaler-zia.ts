import { setTimeout as delay } from 'node:timers/promises';
import { createZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import type { BudgetLedger } from '../../src/upstreams/http/request-budget.js';
import { readyz } from '../support/readiness.js';
import { startSoakBridge } from './soak-bridge.js';
import type { HeldUser, SoakTarget } from './soak-target.js';

const DEPARTMENT = 'Engineering';

/** Longer than any Retry-After the soak's faults ask for, so a queue that never drains fails the run. */
const SETTLE_LIMIT_MS = 30_000;

const unlimitedBudget: BudgetLedger = { reserve: async () => ({ granted: true, retryAfterMs: 0, remaining: [] }) };

/**
 * Zscaler ZIA (docs/upstreams/zscaler-zia.md) with legacy session auth. ZIA has no inactive state: deactivation and DELETE remove
 * the ZIA user, so only active users exist there, with their email, one `name` and a department.
 *
 * ZIA's budgets (2 creates/s, 1 bulk delete/min, 40 activations/h, …) are switched off on both sides: in the simulator
 * (`rateLimits: false`) and in the adapter (a ledger that grants every reservation). On the real clock they would
 * make 1,000 operations take hours, and staying inside them is proven by the budget tests
 * (test/unit/upstreams/zscaler-zia, test/e2e/replicas.test.ts). Here only recovery from injected faults is under test.
 */
export async function zscalerZiaTarget(): Promise<SoakTarget> {
  const sim = createZscalerZiaSimulator({ domains: 'any', behaviour: { rateLimits: false, activateAfterIdleSeconds: null } });
  const url = await sim.listen(0);
  const bridge = await startSoakBridge(
    {
      type: 'zscaler-zia',
      baseUrlOverride: `${url}${sim.apiPrefix}`,
      auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
      defaultDepartment: DEPARTMENT,
      deactivation: { mode: 'delete' },
      activation: { debounceMs: 20, maxDelayMs: 2_000 },
      bulkDeleteWindowMs: 5,
    },
    { budgetLedger: unlimitedBudget },
  );
  return {
    ...bridge,
    name: 'zscaler-zia',
    sim,
    expireCredentials: () => sim.expireAllSessions(),
    // Deactivations and DELETEs are answered once queued (docs/upstreams/zscaler-zia.md §4): wait until ZIA has confirmed them all.
    async settle() {
      for (const started = Date.now(); Date.now() - started < SETTLE_LIMIT_MS; await delay(10)) {
        const tenant = (await readyz(bridge.bridge.app)).body.tenants?.default;
        if (tenant?.pendingDeletions === 0) return;
      }
      throw new Error(`ZIA deletions still queued after ${SETTLE_LIMIT_MS} ms`);
    },
    held: () => sim.users().map((u): HeldUser => ({ key: u.email, name: u.name, department: u.department.name })),
    intended: (users) =>
      users.filter((u) => u.status === 'Active').map((u): HeldUser => ({ key: u.username, name: `${u.firstName} ${u.lastName}`, department: DEPARTMENT })),
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}
