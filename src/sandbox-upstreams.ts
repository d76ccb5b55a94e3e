import { createZscalerZiaSimulator } from './simulators/zscaler-zia/index.js';
import { createZuoraOneIdSimulator } from './simulators/zuora-oneid/index.js';
import { createZuoraRestSimulator } from './simulators/zuora-rest/index.js';
import type { SimulatorHandle } from './simulators/simulator-handle.js';

export const SANDBOX_UPSTREAMS = ['zuora-rest', 'zuora-oneid', 'zscaler-zia'] as const;
export type SandboxUpstream = (typeof SANDBOX_UPSTREAMS)[number];

/** A running simulator for the sandbox and the upstream configuration that points a tenant at it. */
export interface SandboxUpstreamInstance {
  simulator: SimulatorHandle;
  upstreamConfig: Record<string, unknown>;
}

/** The sandbox tenant's Zuora REST profile mapping: the simulator's default profiles, roles and groups named after them. */
const ZUORA_REST_PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk', readonly: 'Read Only' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/** Start the simulator of `upstream` on 127.0.0.1 (a free port), seeded with `seedUsers` users. */
export async function startSandboxUpstream(upstream: SandboxUpstream, seedUsers: number): Promise<SandboxUpstreamInstance> {
  if (upstream === 'zscaler-zia') {
    // A fake organisation: any email domain belongs to it (there is no real one to check against).
    const sim = createZscalerZiaSimulator({ domains: 'any' });
    const url = await sim.listen(0, '127.0.0.1');
    sim.seedUsers(seedUsers);
    return {
      simulator: sim,
      upstreamConfig: {
        type: 'zscaler-zia', baseUrlOverride: `${url}${sim.apiPrefix}`,
        auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
        defaultDepartment: 'Engineering',
        activation: { debounceMs: 1000, maxDelayMs: 90_000 },
      },
    };
  }
  if (upstream === 'zuora-oneid') {
    const sim = createZuoraOneIdSimulator();
    const url = await sim.listen(0, '127.0.0.1');
    sim.seedUsers(seedUsers);
    return {
      simulator: sim,
      upstreamConfig: {
        type: 'zuora-oneid', baseUrl: url, clientId: sim.clientId, clientSecret: sim.clientSecret, organizationId: sim.orgId,
        adminRoles: ['admin'], adminGroups: ['Administrators'],
      },
    };
  }
  const sim = createZuoraRestSimulator();
  const url = await sim.listen(0, '127.0.0.1');
  sim.seedUsers(seedUsers);
  return {
    simulator: sim,
    upstreamConfig: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: ZUORA_REST_PROFILES },
  };
}
