import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { serveChild } from './child-process.js';

/** The upstream, in a process of its own as a real upstream would be: a Zuora REST simulator with seeded users. */
export interface SimulatorStart {
  users: number;
}

export interface SimulatorReady {
  url: string;
  clientId: string;
  clientSecret: string;
}

let sim: ZuoraRestSimulator | undefined;

serveChild<SimulatorStart, SimulatorReady>(
  async ({ users }) => {
    sim = createZuoraRestSimulator();
    const url = await sim.listen(0, '127.0.0.1');
    sim.seedUsers(users);
    return { url, clientId: sim.clientId, clientSecret: sim.clientSecret };
  },
  async () => {
    await sim?.close();
  },
);
