import { CONTROL_PREFIX } from '../control-routes.js';
import { createZuoraRestSimulator } from './index.js';
import { SANDBOX_HOST, type StartSandboxUpstream } from '../sandbox-upstream.js';

/** The sandbox tenant's Zuora REST profile mapping: the simulator's default profiles, roles and groups named after them. */
const SANDBOX_PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk', readonly: 'Read Only' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/** The Zuora REST simulator for the sandbox and `scim-bridge simulator`; loaded lazily by the upstream's descriptor in scim-bridge (src/upstreams/zuora-rest/descriptor.ts). */
export const startSandbox: StartSandboxUpstream = async ({ seedUsers, seedProfile = 'plain', port = 0 }) => {
  const sim = createZuoraRestSimulator({ seedProfile });
  const url = await sim.listen(port, SANDBOX_HOST);
  sim.seedUsers(seedUsers);
  return {
    simulator: sim,
    baseUrl: url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    upstreamConfig: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: SANDBOX_PROFILES },
    credentials: { clientId: sim.clientId, clientSecret: sim.clientSecret },
  };
};
