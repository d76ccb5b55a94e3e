import { createZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { startSoakBridge } from './soak-bridge.js';
import type { HeldUser, SoakTarget } from './soak-target.js';

/**
 * Zuora OneID (docs/upstreams/zuora-oneid.md): DELETE deactivates; OneID holds the name, `active` and one role, ADMIN for the
 * script's `admin` role (the tenant's adminRoles) and USER otherwise. Titles stay in the bridge's store.
 */
export async function zuoraOneIdTarget(): Promise<SoakTarget> {
  const sim = createZuoraOneIdSimulator({});
  const url = await sim.listen(0);
  const bridge = await startSoakBridge({
    type: 'zuora-oneid',
    baseUrl: url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    organizationId: sim.orgId,
    adminRoles: ['admin'],
  });
  return {
    ...bridge,
    name: 'zuora-oneid',
    sim,
    expireCredentials: () => sim.faults.expireAllTokens(),
    held: () =>
      sim.users().map((u): HeldUser => ({
        key: u.userName,
        active: u.active,
        givenName: u.name?.givenName ?? '',
        familyName: u.name?.familyName ?? '',
        role: u.roles.join(','),
      })),
    intended: (users) =>
      users.map((u): HeldUser => ({
        key: u.username,
        active: u.status === 'Active',
        givenName: u.firstName,
        familyName: u.lastName,
        role: u.profileId === 'p-admin' ? 'ADMIN' : 'USER',
      })),
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}
