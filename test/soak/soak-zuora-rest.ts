import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES } from '../support/zuora-rest-harness.js';
import { startSoakBridge } from './soak-bridge.js';
import type { HeldUser, SoakTarget } from './soak-target.js';

/** Zuora REST (docs/upstreams/zuora-rest.md): DELETE deactivates, so every user the script ever created stays, Active or not. */
export async function zuoraRestTarget(): Promise<SoakTarget> {
  const sim = createZuoraRestSimulator({});
  const url = await sim.listen(0);
  const bridge = await startSoakBridge({
    type: 'zuora-rest',
    baseUrlOverride: url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    profiles: PROFILES,
  });
  return {
    ...bridge,
    name: 'zuora-rest',
    sim,
    expireCredentials: () => sim.faults.expireAllTokens(),
    held: () =>
      sim.users().map((u): HeldUser => ({
        key: u.username,
        status: u.status,
        firstName: u.firstName,
        lastName: u.lastName,
        title: u.title ?? '',
        profileId: u.profileId,
      })),
    intended: (users) => users.map(({ username, ...rest }): HeldUser => ({ key: username, ...rest })),
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}
