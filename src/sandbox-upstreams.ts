import { CONTROL_PREFIX } from './simulators/control-routes.js';
import type { SeedProfile } from './simulators/seed-profile.js';
import { createZscalerZiaSimulator } from './simulators/zscaler-zia/index.js';
import { createZuoraOneIdSimulator } from './simulators/zuora-oneid/index.js';
import { createZuoraRestSimulator } from './simulators/zuora-rest/index.js';
import type { SimulatorHandle } from './simulators/simulator-handle.js';

export const SANDBOX_UPSTREAMS = ['zuora-rest', 'zuora-oneid', 'zscaler-zia'] as const;
export type SandboxUpstream = (typeof SANDBOX_UPSTREAMS)[number];

/** How to start an upstream simulator for the sandbox or `scim-bridge simulator`. */
export interface UpstreamSimulatorOptions {
  /** Ordinary users added on top of the seed profile's. */
  seedUsers: number;
  /** `plain` (default): the simulator's defaults; `live`: a tenant as a customer's would be before the bridge. */
  seedProfile?: SeedProfile;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A running simulator, where it listens, and the upstream configuration that points a tenant at it. */
export interface SandboxUpstreamInstance {
  simulator: SimulatorHandle;
  /** The simulator's base URL, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  /** Its control surface (`/__sim`: state, call log, faults, console edits); not part of the upstream's API. */
  controlUrl: string;
  /** The tenant `upstream` block for scim-bridge.json: complete, valid, with the simulator's credentials. */
  upstreamConfig: Record<string, unknown>;
  /** The simulator's credentials by name, to show an operator (made up for this run; they open nothing real). */
  credentials: Record<string, string>;
}

/** The sandbox tenant's Zuora REST profile mapping: the simulator's default profiles, roles and groups named after them. */
const ZUORA_REST_PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk', readonly: 'Read Only' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/** The ZIA group an inactive user is moved to, when the tenant has it; deleting is the fallback (ZIA has no inactive state). */
const DISABLED_GROUP = 'Disabled Users';

const HOST = '127.0.0.1';

/** Start the simulator of `upstream` on 127.0.0.1, seeded as asked. */
export async function startSandboxUpstream(upstream: SandboxUpstream, options: UpstreamSimulatorOptions): Promise<SandboxUpstreamInstance> {
  const seedProfile = options.seedProfile ?? 'plain';
  const port = options.port ?? 0;
  const where = (baseUrl: string) => ({ baseUrl, controlUrl: `${baseUrl}${CONTROL_PREFIX}` });

  if (upstream === 'zscaler-zia') {
    // A fake organisation: any email domain belongs to it (there is no real one to check against).
    const sim = createZscalerZiaSimulator({ domains: 'any', seedProfile });
    const url = await sim.listen(port, HOST);
    sim.seedUsers(options.seedUsers);
    const hasDisabledGroup = sim.groups().some((g) => g.name === DISABLED_GROUP);
    return {
      simulator: sim,
      ...where(url),
      upstreamConfig: {
        type: 'zscaler-zia',
        baseUrlOverride: `${url}${sim.apiPrefix}`,
        auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
        // Explicit, never left to a default: deleting a ZIA user loses its record.
        deactivation: hasDisabledGroup ? { mode: 'group', disabledGroup: DISABLED_GROUP } : { mode: 'delete' },
        defaultDepartment: 'Engineering',
        activation: { debounceMs: 1000, maxDelayMs: 90_000 },
      },
      credentials: { username: sim.username, password: sim.password, apiKey: sim.apiKey },
    };
  }
  if (upstream === 'zuora-oneid') {
    const sim = createZuoraOneIdSimulator({ seedProfile });
    const url = await sim.listen(port, HOST);
    sim.seedUsers(options.seedUsers);
    return {
      simulator: sim,
      ...where(url),
      upstreamConfig: {
        type: 'zuora-oneid',
        baseUrl: url,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        organizationId: sim.orgId,
        adminRoles: ['admin'],
        adminGroups: ['Administrators'],
      },
      credentials: { clientId: sim.clientId, clientSecret: sim.clientSecret, organizationId: sim.orgId },
    };
  }
  const sim = createZuoraRestSimulator({ seedProfile });
  const url = await sim.listen(port, HOST);
  sim.seedUsers(options.seedUsers);
  return {
    simulator: sim,
    ...where(url),
    upstreamConfig: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: ZUORA_REST_PROFILES },
    credentials: { clientId: sim.clientId, clientSecret: sim.clientSecret },
  };
}
