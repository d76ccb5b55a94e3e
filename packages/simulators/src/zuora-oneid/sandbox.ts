import { CONTROL_PREFIX } from '../../simulators/control-routes.js';
import { createZuoraOneIdSimulator } from '../../simulators/zuora-oneid/index.js';
import { SANDBOX_HOST, type StartSandboxUpstream } from '../upstream-descriptor.js';

/** The OneID simulator for the sandbox and `scim-bridge simulator`; loaded lazily through the descriptor. */
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
