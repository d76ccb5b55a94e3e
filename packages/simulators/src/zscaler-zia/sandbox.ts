import { CONTROL_PREFIX } from '../control-routes.js';
import { createZscalerZiaSimulator } from './index.js';
import { SANDBOX_HOST, type StartSandboxUpstream } from '../sandbox-upstream.js';

/** The ZIA group an inactive user is moved to, when the tenant has it; deleting is the fallback (ZIA has no inactive state). */
const DISABLED_GROUP = 'Disabled Users';

/** The ZIA simulator for the sandbox and `scim-bridge simulator`; loaded lazily by the upstream's descriptor in scim-bridge (src/upstreams/zscaler-zia/descriptor.ts). */
export const startSandbox: StartSandboxUpstream = async ({ seedUsers, seedProfile = 'plain', port = 0 }) => {
  // A fake organisation: any email domain belongs to it (there is no real one to check against).
  const sim = createZscalerZiaSimulator({ domains: 'any', seedProfile });
  const url = await sim.listen(port, SANDBOX_HOST);
  sim.seedUsers(seedUsers);
  const hasDisabledGroup = sim.groups().some((g) => g.name === DISABLED_GROUP);
  return {
    simulator: sim,
    baseUrl: url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
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
};
