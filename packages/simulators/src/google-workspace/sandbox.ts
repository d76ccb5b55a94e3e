import { CONTROL_PREFIX } from '../control-routes.js';
import { SANDBOX_HOST, type StartSandboxSource } from '../sandbox-upstream.js';
import { createGoogleWorkspaceSimulator } from './index.js';

/** The sandbox syncs once at start, then at the shortest interval the source's schema allows, to carry console edits soon. */
const SANDBOX_INTERVAL_SECONDS = 60;

/**
 * The Google Workspace simulator as the sandbox's identity source, seeded with a deterministic directory; loaded
 * lazily by the source's descriptor in scim-bridge (src/sources/google-workspace/descriptor.ts).
 */
export const startSourceSandbox: StartSandboxSource = async ({ users, groups, port = 0 }) => {
  const sim = createGoogleWorkspaceSimulator({ seed: { users, groups } });
  const url = await sim.listen(port, SANDBOX_HOST);
  return {
    simulator: sim,
    baseUrl: url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    sourceConfig: {
      type: 'google-workspace',
      // The key is made up by the simulator for this run and opens nothing real; its token_uri is the simulator's.
      key: JSON.stringify(sim.serviceAccountKey()),
      subject: sim.adminEmail(),
      baseUrlOverride: url,
      intervalSeconds: SANDBOX_INTERVAL_SECONDS,
    },
  };
};
