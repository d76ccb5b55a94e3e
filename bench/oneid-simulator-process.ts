import { createZuoraOneIdSimulator, type ZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { serveChild } from './child-process.js';

/** The `zuora-oneid` upstream in a process of its own, as a real upstream would be: a OneID simulator with seeded users. */
export interface OneIdSimulatorStart {
  users: number;
}

export interface OneIdSimulatorReady {
  /** Base URL: SCIM under `/scim/v2`, the token endpoint at `/oauth2/token`, the control surface under `/__sim`. */
  url: string;
  clientId: string;
  clientSecret: string;
  organizationId: string;
  /** A bearer token for calling the simulator directly (valid for the simulator's default hour). */
  token: string;
}

let sim: ZuoraOneIdSimulator | undefined;

serveChild<OneIdSimulatorStart, OneIdSimulatorReady>(
  async ({ users }) => {
    sim = createZuoraOneIdSimulator();
    const url = await sim.listen(0, '127.0.0.1');
    sim.seedUsers(users);
    return { url, clientId: sim.clientId, clientSecret: sim.clientSecret, organizationId: sim.orgId, token: sim.issueToken() };
  },
  async () => {
    await sim?.close();
  },
);
