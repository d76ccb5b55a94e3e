import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { dropSchema, freshSchemaName } from '../support/postgres-test-store.js';
import { replicaConfig, startReplicaPair, type ReplicaPair } from '../support/replica-pair.js';
import { user } from '../support/zuora-rest-harness.js';

const schema = freshSchemaName();
let sim: ZscalerZiaSimulator;
let pair: ReplicaPair;

beforeAll(async () => {
  sim = createZscalerZiaSimulator({ domains: 'any' });
  const url = await sim.listen(0);
  const upstream = {
    type: 'zscaler-zia',
    baseUrlOverride: `${url}${sim.apiPrefix}`,
    auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
    defaultDepartment: 'Engineering',
    deactivation: { mode: 'delete' },
    activation: { debounceMs: 200, maxDelayMs: 2000 },
  };
  // Two processes, as an operator runs replicas: nothing is shared but PostgreSQL and Redis.
  pair = await startReplicaPair(replicaConfig(upstream, { schema, rateLimitMax: 10_000, tenant: { reconcile: { onStart: false, intervalSeconds: 0 } } }));
}, 60_000);
afterAll(async () => {
  await pair.stop();
  await sim.close();
  await dropSchema(schema);
});

describe('two replicas on one PostgreSQL and one Redis, in front of one ZIA', () => {
  it("an IdP retrying the same creates on both replicas creates each user once, inside ZIA's documented budgets", async () => {
    const { a, b } = pair;
    const names = Array.from({ length: 8 }, (_, i) => `replica${i}@example.com`);
    // Every create is sent to both replicas at once, as an IdP retrying against a load balancer would.
    const answers = await Promise.all(names.flatMap((n) => [a.post('/Users', user(n)), b.post('/Users', user(n))]));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const n of names) expect(sim.users().filter((u) => u.email === n)).toHaveLength(1);
    // Both replicas see every user through the shared index.
    for (const n of names) {
      expect((await a.get('/Users?filter=' + encodeURIComponent(`userName eq "${n}"`)).expect(200)).body.totalResults).toBe(1);
      expect((await b.get('/Users?filter=' + encodeURIComponent(`userName eq "${n}"`)).expect(200)).body.totalResults).toBe(1);
    }
    // The client-side budget is shared through Redis: ZIA never had to refuse a request (2 creates a second at most).
    const usage = sim.budgetUsage();
    expect(usage.filter((u) => u.rejected > 0)).toEqual([]);
    // Of each pair, one create won and the other was told the user exists.
    expect(statuses.filter((s) => s === 201)).toHaveLength(names.length);
  }, 60_000);
});
