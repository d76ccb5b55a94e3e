import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator } from '../../src/simulators/zscaler-zia/index.js';
import { dropSchema, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { startBridgeProcess, type BridgeProcess } from '../support/bridge-processes.js';
import { scimClient, TOKEN } from '../support/scim-client.js';
import { user } from '../support/zuora-rest-harness.js';

const REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = freshSchemaName();
const keyPrefix = `scim-bridge-test-${randomUUID()}:`;
let sim: ZscalerZiaSimulator;
const replicas: BridgeProcess[] = [];

beforeAll(async () => {
  sim = createZscalerZiaSimulator({ domains: 'any' });
  const url = await sim.listen(0);
  const config = {
    store: { type: 'postgres', connectionString: POSTGRES_TEST_URL, schema },
    redis: { url: REDIS_URL, keyPrefix },
    rateLimit: { max: 10_000, timeWindowMs: 60_000 },
    tenants: [{
      id: 'default', idpTokens: [{ label: 'idp', sha256: hashToken(TOKEN) }],
      upstream: {
        type: 'zscaler-zia', baseUrlOverride: `${url}${sim.apiPrefix}`,
        auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
        defaultDepartment: 'Engineering', deactivation: { mode: 'delete' }, activation: { debounceMs: 200, maxDelayMs: 2000 },
      },
      reconcile: { onStart: false, intervalSeconds: 0 },
    }],
  };
  // Two processes, as an operator runs replicas: nothing is shared but PostgreSQL and Redis.
  for (let i = 0; i < 2; i++) replicas.push(await startBridgeProcess(config));
}, 60_000);
afterAll(async () => {
  for (const r of replicas) await r.stop();
  await sim.close();
  await dropSchema(schema);
});

describe('two replicas on one PostgreSQL and one Redis, in front of one ZIA', () => {
  it('an IdP retrying the same creates on both replicas creates each user once, inside ZIA\'s documented budgets', async () => {
    const [a, b] = replicas.map((r) => scimClient(r.url)) as [ReturnType<typeof scimClient>, ReturnType<typeof scimClient>];
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
