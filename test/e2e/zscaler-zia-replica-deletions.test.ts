import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { startBridgeProcess, type BridgeProcess } from '../support/bridge-processes.js';
import { adminQuery, dropSchema, freshSchemaName, POSTGRES_TEST_URL } from '../support/postgres-test-store.js';
import { scimClient, type ScimClient } from '../support/scim-client.js';

const REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Long enough that the replica is killed before its window ends and anything of it is sent. */
const BULK_WINDOW_MS = 4_000;
const schema = freshSchemaName();
let sim: ZscalerZiaSimulator;
let config: object;
const processes: BridgeProcess[] = [];

const start = async () => {
  const p = await startBridgeProcess(config);
  processes.push(p);
  return p;
};
const byUserName = (c: ScimClient, userName: string) => c.get('/Users?filter=' + encodeURIComponent(`userName eq "${userName}"`)).expect(200);

beforeAll(async () => {
  sim = createZscalerZiaSimulator({ domains: 'any' });
  const url = await sim.listen(0);
  config = {
    store: { type: 'postgres', connectionString: POSTGRES_TEST_URL, schema },
    redis: { url: REDIS_URL, keyPrefix: `scim-bridge-test-${randomUUID()}:` },
    rateLimit: { max: 10_000, timeWindowMs: 60_000 },
    tenants: [
      {
        id: 'default',
        idpTokens: [{ label: 'idp', sha256: hashToken('test-idp-token-0123456789') }],
        upstream: {
          type: 'zscaler-zia',
          baseUrlOverride: `${url}${sim.apiPrefix}`,
          auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
          defaultDepartment: 'Engineering',
          deactivation: { mode: 'delete' },
          activation: { debounceMs: 200, maxDelayMs: 2000 },
          bulkDeleteWindowMs: BULK_WINDOW_MS,
        },
        reconcile: { onStart: false, intervalSeconds: 0 },
      },
    ],
  };
}, 30_000);
afterAll(async () => {
  for (const p of processes) await p.stop();
  await sim?.close();
  await dropSchema(schema);
});

describe('ZIA deletions on two replicas (PostgreSQL and Redis), one killed inside the bulk window', () => {
  it('every acknowledged DELETE reaches ZIA after the restart, and no deleted user comes back in either replica', async () => {
    const seeded = sim.seedUsers(12);
    const [doomed, kept] = [seeded.slice(0, 10), seeded.slice(10)];
    const [a, b] = [await start(), await start()];
    await a.reconcile();
    const [httpA, httpB] = [scimClient(a.url), scimClient(b.url)];
    const ids = new Map<string, string>();
    for (const u of seeded) ids.set(u.email, (await byUserName(httpA, u.email)).body.Resources[0].id as string);

    // The IdP's DELETEs, spread over both replicas at once: each answered once its deletion is durable.
    const answers = await Promise.all(doomed.map((u, i) => (i % 2 === 0 ? httpA : httpB).delete(`/Users/${ids.get(u.email)}`)));
    expect(answers.map((r) => r.status)).toEqual(doomed.map(() => 204));
    await a.kill();
    // The premise: the kill came inside the window, before anything was sent.
    expect(sim.calls().filter((c) => c.method === 'DELETE' || c.route.endsWith('/bulkDelete'))).toEqual([]);

    // While the deletions wait, a reconcile on the survivor finds them in ZIA and must not bring them back.
    await b.reconcile();
    for (const u of doomed) expect((await byUserName(httpB, u.email)).body.totalResults, u.email).toBe(0);

    const restarted = await start();
    await vi.waitFor(() => expect(sim.users().filter((u) => doomed.some((d) => d.id === u.id))).toEqual([]), { timeout: 30_000, interval: 200 });
    expect(
      sim
        .users()
        .map((u) => u.id)
        .sort(),
    ).toEqual(kept.map((u) => u.id).sort());

    await restarted.reconcile();
    await b.reconcile();
    for (const http of [scimClient(restarted.url), httpB]) {
      for (const u of doomed) {
        expect((await byUserName(http, u.email)).body.totalResults, u.email).toBe(0);
        await http.get(`/Users/${ids.get(u.email)}`).expect(404);
      }
      for (const u of kept) expect((await byUserName(http, u.email)).body.totalResults, u.email).toBe(1);
    }

    // Each deleted user has its audit entry from the queue, whichever replica sent it; the changes were activated.
    const audited = await adminQuery<{ upstream_id: string }>(
      `SELECT upstream_id FROM ${schema}.audit_log WHERE actor = 'zia-deletion-queue' AND status = 200`,
    );
    expect(new Set(audited.map((r) => Number(r.upstream_id)))).toEqual(new Set(doomed.map((u) => u.id)));
    await vi.waitFor(() => expect(sim.status()).toBe('ACTIVE'), { timeout: 10_000, interval: 200 });
    expect(sim.budgetUsage().filter((u) => u.rejected > 0)).toEqual([]);
  }, 90_000);
});
