import supertest from 'supertest';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../../src/config/config-schema.js';
import type { Registry } from '../../src/registry.js';
import { createBridge, type Bridge } from '../../src/runtime.js';

export const TOKEN = 'test-idp-token-0123456789';
export const SCIM = '/scim/v2';

/** An IdP's view of a bridge: every request authenticated with TOKEN, bodies sent as application/scim+json. */
export interface ScimClient {
  get(path: string): supertest.Test;
  post(path: string, body?: object): supertest.Test;
  put(path: string, body: object): supertest.Test;
  patch(path: string, body: object): supertest.Test;
  delete(path: string): supertest.Test;
}

/** A bridge in this process, or the base URL of one in another (test/support/bridge-processes.ts). */
export function scimClient(bridge: Bridge | string, token = TOKEN): ScimClient {
  const agent = supertest(typeof bridge === 'string' ? bridge : bridge.app.server);
  const auth = (t: supertest.Test) => t.set('Authorization', `Bearer ${token}`);
  const json = (t: supertest.Test, body: object | undefined) =>
    auth(t)
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify(body ?? {}));
  return {
    get: (p) => auth(agent.get(SCIM + p)),
    post: (p, body) => json(agent.post(SCIM + p), body),
    put: (p, body) => json(agent.put(SCIM + p), body),
    patch: (p, body) => json(agent.patch(SCIM + p), body),
    delete: (p) => auth(agent.delete(SCIM + p)),
  };
}

/** What every upstream harness hands a test: the bridge, its simulator, and the IdP's view of the bridge. */
export interface BridgeHarness<S> {
  bridge: Bridge;
  sim: S;
  simUrl: string;
  http: ScimClient;
  /** Upstream requests the simulator received for a method and route, e.g. ('PUT', '/v1/users/:id'). */
  upstreamCalls(method: string, route: string): number;
  close(): Promise<void>;
}

/** Start a bridge from its configuration against a listening simulator, index built unless told otherwise. */
export async function harnessOf<S extends { count(method: string, route: string): number; close(): Promise<void> }>(
  config: BridgeConfig,
  sim: S,
  simUrl: string,
  options: { logger?: Logger; skipReconcile?: boolean; registry?: Registry } = {},
): Promise<BridgeHarness<S>> {
  const bridge = await createBridge(config, { logger: options.logger ?? false, ...(options.registry ? { registry: options.registry } : {}) });
  if (!options.skipReconcile) await bridge.reconcileAll();
  await bridge.app.ready();
  return {
    bridge,
    sim,
    simUrl,
    http: scimClient(bridge),
    upstreamCalls: (method, route) => sim.count(method, route),
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}
