import { CONTROL_PREFIX } from '../control-routes.js';
import { createZuoraOneIdSimulator } from './index.js';
import { SANDBOX_HOST, type StartSandboxUpstream } from '../sandbox-upstream.js';

/** The OneID simulator for the sandbox and `scim-bridge simulator`; loaded lazily by the upstream's descriptor in scim-bridge (src/upstreams/zuora-oneid/descriptor.ts). */
export const startSandbox: StartSandboxUpstream = async ({ seedUsers, seedProfile = 'plain', port = 0 }) => {
  const sim = createZuoraOneIdSimulator({ seedProfile });
  const url = await sim.listen(port, SANDBOX_HOST);
  sim.seedUsers(seedUsers);
  return {
    simulator: sim,
    baseUrl: url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
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
};
