import type { OneIdBridgeReady } from './oneid-bridge-process.js';
import type { OneIdSimulatorReady } from './oneid-simulator-process.js';
import { ONEID_KEY } from './options.js';
import type { CheckedScenario } from './scenarios.js';

/** The simulator's route for GET by id, as its call log names it. */
const UPSTREAM_GET_USER = '/scim/v2/Users/:id';

const field = (body: unknown, key: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined);

function checkUser(status: number, body: unknown, id: string | undefined, userName: string | undefined): string | undefined {
  if (status !== 200) return `status ${status}`;
  if (field(body, 'id') !== id) return `answered id ${String(field(body, 'id'))}, not ${id}`;
  if (field(body, 'userName') !== userName) return `answered userName ${String(field(body, 'userName'))}, not ${userName}`;
  return undefined;
}

export interface OneIdScenarios {
  /** GET /scim/v2/Users/{upstream id} straight to the simulator, with a token it issued. */
  direct: CheckedScenario;
  /** GET /scim/v2/Users/{SCIM id} to the bridge, which reads the same user from the simulator. */
  bridge: CheckedScenario;
}

/** Both scenarios rotate over the same users in the same order: position i is one user in both. */
export function oneIdScenarios(sim: OneIdSimulatorReady, bridge: OneIdBridgeReady, bridgeToken: string): OneIdScenarios {
  return {
    direct: {
      key: `${ONEID_KEY}Direct`,
      title: 'direct: GET {simulator}/scim/v2/Users/{id}',
      baseUrl: sim.url,
      paths: bridge.upstreamIds.map((id) => `/scim/v2/Users/${id}`),
      headers: { authorization: `Bearer ${sim.token}`, accept: 'application/json' },
      verify: (status, body, i) => checkUser(status, body, bridge.upstreamIds[i], bridge.userNames[i]),
    },
    bridge: {
      key: `${ONEID_KEY}Bridge`,
      title: 'through the bridge: GET {bridge}/scim/v2/Users/{id}',
      baseUrl: bridge.url,
      paths: bridge.ids.map((id) => `/scim/v2/Users/${id}`),
      headers: { authorization: `Bearer ${bridgeToken}`, accept: 'application/scim+json' },
      verify: (status, body, i) => checkUser(status, body, bridge.ids[i], bridge.userNames[i]),
    },
  };
}

/** The simulator's call log through its control surface (`/__sim/calls`, packages/simulators/src/control-routes.ts). */
export const upstreamCalls = {
  async clear(sim: OneIdSimulatorReady): Promise<void> {
    const res = await fetch(new URL('/__sim/calls', sim.url), { method: 'DELETE' });
    if (res.status !== 204) throw new Error(`DELETE /__sim/calls answered ${res.status}`);
  },
  /** Upstream GETs by id since the last `clear`. */
  async userGets(sim: OneIdSimulatorReady): Promise<number> {
    const res = await fetch(new URL('/__sim/calls', sim.url));
    if (res.status !== 200) throw new Error(`GET /__sim/calls answered ${res.status}`);
    const { calls } = (await res.json()) as { calls: { method: string; route: string }[] };
    return calls.filter((c) => c.method === 'GET' && c.route === UPSTREAM_GET_USER).length;
  },
};
