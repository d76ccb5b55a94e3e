import type { Logger } from 'pino';
import supertest from 'supertest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '../../src/simulators/zuora-rest/index.js';
import type { ZuoraRestSimulatorOptions } from '../../src/simulators/zuora-rest/options.js';

export const TOKEN = 'test-idp-token-0123456789';
export const SCIM = '/scim/v2';

export interface Harness {
  bridge: Bridge;
  sim: ZuoraRestSimulator;
  simUrl: string;
  /** supertest agent bound to the bridge, every request authenticated. */
  http: {
    get(path: string): supertest.Test;
    post(path: string, body?: object): supertest.Test;
    put(path: string, body: object): supertest.Test;
    patch(path: string, body: object): supertest.Test;
    delete(path: string): supertest.Test;
  };
  /** Upstream requests the simulator received for a method and route, e.g. ('PUT', '/v1/users/:id'). */
  upstreamCalls(method: string, route: string): number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  seedUsers?: number;
  simulator?: ZuoraRestSimulatorOptions;
  upstream?: Record<string, unknown>;
  tenant?: Record<string, unknown>;
  server?: Record<string, unknown>;
  rateLimit?: Record<string, unknown>;
  /** Extra IdP credentials for the tenant, besides the default TOKEN. */
  idpTokens?: { label: string; sha256: string }[];
  logger?: Logger;
  /** Do not build the index at start (e.g. when the upstream is meant to refuse the bridge). */
  skipReconcile?: boolean;
}

export const PROFILES = {
  roles: { admin: 'Administrator', billing: 'Billing Clerk' },
  groups: { Administrators: 'Administrator', 'Billing Team': 'Billing Clerk', Auditors: 'Read Only' },
  precedence: ['Administrator', 'Billing Clerk', 'Standard User', 'Read Only'],
  default: 'Standard User',
};

/** The bridge on an in-memory store against a listening Zuora REST simulator, as the sandbox runs it. */
export async function startZuoraRestHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = createZuoraRestSimulator(options.simulator ?? {});
  const url = await sim.listen(0);
  if (options.seedUsers) sim.seedUsers(options.seedUsers);
  const config = parseConfig(
    {
      server: options.server ?? {},
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'test-idp', sha256: hashToken(TOKEN) }, ...(options.idpTokens ?? [])],
          upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES, retry: { maxAttempts: 8, budgetMs: 20000 }, ...options.upstream },
          reconcile: { onStart: true, intervalSeconds: 0 },
          ...options.tenant,
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: options.logger ?? false });
  if (!options.skipReconcile) await bridge.reconcileAll();
  await bridge.app.ready();
  const agent = supertest(bridge.app.server);
  const auth = (t: supertest.Test) => t.set('Authorization', `Bearer ${TOKEN}`);
  return {
    bridge,
    sim,
    simUrl: url,
    http: {
      get: (p) => auth(agent.get(SCIM + p)),
      post: (p, body) => auth(agent.post(SCIM + p)).set('Content-Type', 'application/scim+json').send(JSON.stringify(body ?? {})),
      put: (p, body) => auth(agent.put(SCIM + p)).set('Content-Type', 'application/scim+json').send(JSON.stringify(body)),
      patch: (p, body) => auth(agent.patch(SCIM + p)).set('Content-Type', 'application/scim+json').send(JSON.stringify(body)),
      delete: (p) => auth(agent.delete(SCIM + p)),
    },
    upstreamCalls: (method, route) => sim.count(method, route),
    async close() {
      await bridge.close();
      await sim.close();
    },
  };
}

export const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Given', familyName: 'Family' },
  emails: [{ value: userName.includes('@') ? userName : `${userName}@example.com`, type: 'work', primary: true }],
  active: true,
  ...extra,
});
