import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/runtime.js';
import type { Fault } from '@scim-bridge/simulators';
import { createZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { createZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import type { Store } from '../../src/store/store.js';
import { startBridgeProcess, type BridgeProcess } from '../support/bridge-processes.js';
import { dropSchema, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { scimClient, type ScimClient } from '../support/scim-client.js';
import { replicaConfig, startReplicaPair } from '../support/replica-pair.js';
import { PROFILES, user } from '../support/zuora-rest-harness.js';

/*
 * One userName, one user, across two real replicas (two Node processes sharing only PostgreSQL and Redis), on each
 * upstream: concurrent creates of one userName take turns on its lock, first time and after a delete; and a replica
 * killed between the upstream's create and its own index write leaves a pending create the other replica settles
 * within seconds (or at the next request for the name), so the IdP's filter finds the user and its retry gets a 409.
 */

interface Simulated {
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  faults: { failNext(count: number, fault: Fault, route?: string): void; clear(): void };
  users(): unknown[];
}

interface Upstream {
  name: string;
  sim: () => Simulated;
  upstream: (sim: Simulated, url: string) => Record<string, unknown>;
  create: string;
  logins: (sim: Simulated) => string[];
}

const UPSTREAMS: Upstream[] = [
  {
    name: 'zuora-rest',
    sim: () => createZuoraRestSimulator() as unknown as Simulated,
    upstream: (sim, url) => {
      const s = sim as unknown as { clientId: string; clientSecret: string };
      return { type: 'zuora-rest', baseUrlOverride: url, clientId: s.clientId, clientSecret: s.clientSecret, profiles: PROFILES };
    },
    create: 'POST /v1/users',
    logins: (sim) => (sim.users() as { username: string }[]).map((u) => u.username),
  },
  {
    name: 'zuora-oneid',
    sim: () => createZuoraOneIdSimulator() as unknown as Simulated,
    upstream: (sim, url) => {
      const s = sim as unknown as { clientId: string; clientSecret: string; orgId: string };
      return { type: 'zuora-oneid', baseUrl: url, clientId: s.clientId, clientSecret: s.clientSecret, organizationId: s.orgId };
    },
    create: 'POST /scim/v2/Users',
    logins: (sim) => (sim.users() as { userName: string }[]).map((u) => u.userName),
  },
  {
    name: 'zscaler-zia',
    sim: () => createZscalerZiaSimulator({ domains: 'any' }) as unknown as Simulated,
    upstream: (sim, url) => {
      const s = sim as unknown as { apiPrefix: string; username: string; password: string; apiKey: string };
      return {
        type: 'zscaler-zia',
        baseUrlOverride: `${url}${s.apiPrefix}`,
        auth: { mode: 'legacy', username: s.username, password: s.password, apiKey: s.apiKey },
        defaultDepartment: 'Engineering',
        deactivation: { mode: 'delete' },
        activation: { debounceMs: 200, maxDelayMs: 2_000 },
        bulkDeleteWindowMs: 100,
      };
    },
    create: 'POST /api/v1/users',
    logins: (sim) => (sim.users() as { email: string }[]).map((u) => u.email),
  },
];

const filterCount = async (client: ScimClient, userName: string): Promise<number> =>
  (await client.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200)).body.totalResults as number;

describe.each(UPSTREAMS)('one userName, one user: two $name replicas', (u) => {
  const schema = freshSchemaName();
  const storeConfig = { type: 'postgres' as const, connectionString: POSTGRES_TEST_URL, schema, preparedStatements: true };
  let sim: Simulated;
  let config: Record<string, unknown>;
  let replicas: BridgeProcess[] = [];
  let a: ScimClient;
  let b: ScimClient;

  beforeAll(async () => {
    sim = u.sim();
    const url = await sim.listen(0, '127.0.0.1');
    config = replicaConfig(u.upstream(sim, url), { schema, store: storeConfig });
    const pair = await startReplicaPair(config);
    ({ a, b } = pair);
    replicas = pair.processes;
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await sim.close();
    await dropSchema(schema);
  });

  /** 20 creates of one userName at once; exactly one 201, the rest 409 uniqueness; the id resolves on both replicas. */
  async function twentyCreates(userName: string, via: (i: number) => ScimClient): Promise<string> {
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => via(i).post('/Users', user(userName))));
    // On ZIA, a create that meets the deletion of the same login still owed (another replica is sending it) is told
    // to retry (503, Retry-After) rather than refused for good: retried as an IdP would, it is then answered for good.
    const answers = await Promise.all(
      first.map(async (r, i) => {
        if (r.status !== 503) return r;
        expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
        await sleep(Number(r.headers['retry-after']) * 1000);
        return via(i).post('/Users', user(userName));
      }),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const r of answers.filter((x) => x.status === 409)) expect(r.body.scimType).toBe('uniqueness');
    const id = created[0]?.body.id as string;
    await a.get(`/Users/${id}`).expect(200);
    await b.get(`/Users/${id}`).expect(200);
    expect(u.logins(sim).filter((l) => l.toLowerCase() === userName)).toHaveLength(1);
    return id;
  }

  it('20 concurrent creates on one replica, then across both, first time and after a delete: one 201 each time', async () => {
    await twentyCreates('same.one@example.com', () => a);
    const first = await twentyCreates('same.two@example.com', (i) => (i % 2 === 0 ? a : b));
    await a.delete(`/Users/${first}`).expect(204);
    const again = await twentyCreates('same.two@example.com', (i) => (i % 2 === 0 ? b : a));
    expect(again).not.toBe(first);
    await b.get(`/Users/${first}`).expect(404);
  }, 60_000);

  it('a replica killed between the upstream create and its index write: the other settles it within seconds', async () => {
    const userName = 'killed.midway@example.com';
    // The upstream makes the user at once and holds its answer back; replica A dies while it waits.
    sim.faults.failNext(1, { kind: 'latencyAfter', ms: 5_000 }, u.create);
    const pending = a.post('/Users', user(userName)).then(
      () => undefined,
      () => undefined,
    );
    for (let i = 0; i < 100 && !u.logins(sim).some((l) => l.toLowerCase() === userName); i++) await sleep(20);
    expect(u.logins(sim).map((l) => l.toLowerCase())).toContain(userName);
    await replicas[0]!.kill();
    await pending;
    // Nobody asks: the surviving replica's sweep indexes the user within seconds.
    const store: Store = await openStore(storeConfig);
    try {
      // The sweep writes the index entry, then its audit entry: wait for both (the second follows the first by a
      // moment, which a check between them would see as missing).
      let indexed = false;
      let resolved: unknown;
      for (let i = 0; i < 100 && !(indexed && resolved); i++) {
        indexed = (await store.users.findByUserName('default', userName)).some((e) => e.deletedAt === undefined);
        [resolved] = await store.audit.query({ tenant: 'default', resourceName: userName, actor: 'reconciler', limit: 1 });
        if (!(indexed && resolved)) await sleep(100);
      }
      expect(indexed, 'indexed by the sweep').toBe(true);
      expect(resolved).toMatchObject({ operation: 'resolveCreate', status: 200 });
    } finally {
      await store.close();
    }
    expect(await filterCount(b, userName)).toBe(1);
    await b.post('/Users', user(userName)).expect(409);
    expect(u.logins(sim).filter((l) => l.toLowerCase() === userName)).toHaveLength(1);
    // A restarted replica sees the same.
    replicas[0] = await startBridgeProcess(config);
    a = scimClient(replicas[0].url);
    expect(await filterCount(a, userName)).toBe(1);
  }, 60_000);
});
