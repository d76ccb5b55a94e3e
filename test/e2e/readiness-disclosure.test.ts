import { afterEach, describe, expect, it } from 'vitest';
import { READINESS_ADMIN_TOKEN, readinessAdminTokens, readyz } from '../support/readiness.js';
import { startZuoraRestHarness, TOKEN, type Harness } from '../support/zuora-rest-harness.js';

/**
 * `/readyz` is probed anonymously by load balancers: it says ready or not, with the usual status codes, and nothing
 * else. Which tenants the bridge serves, their upstreams and their health are for an operator's admin token.
 */
const TENANT = 'acme-payroll-eu';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = async (adminTokens: typeof readinessAdminTokens | null = readinessAdminTokens) =>
  (h = await startZuoraRestHarness({ tenant: { id: TENANT }, ...(adminTokens ? { adminTokens } : {}) }));

describe('/readyz discloses details to an admin token only', () => {
  it('without a token, with an IdP token or with a wrong one: the status alone, 200', async () => {
    const x = await start();
    for (const token of [null, TOKEN, 'not-an-admin-token-at-all']) {
      const ready = await readyz(x.bridge.app, token);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready' });
      expect(ready.text).not.toContain(TENANT);
      expect(ready.headers['vary']).toBe('Authorization');
      expect(ready.headers['cache-control']).toBe('no-store');
    }
  });

  it('with an admin token: the store and every tenant by id with its upstream and health', async () => {
    const x = await start();
    const ready = await readyz(x.bridge.app, READINESS_ADMIN_TOKEN);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      store: 'ok',
      tenants: { [TENANT]: { ready: true, upstream: 'zuora-rest', credentialsAccepted: true } },
    });
  });

  it('without any admin token configured, nobody sees the details', async () => {
    const x = await start(null);
    for (const token of [null, TOKEN, READINESS_ADMIN_TOKEN]) expect((await readyz(x.bridge.app, token)).body).toEqual({ status: 'ready' });
  });

  it('a store that does not answer: 503 with Retry-After to everyone, the reason to the admin only', async () => {
    const x = await start();
    await x.bridge.store.close();
    const anonymous = await readyz(x.bridge.app, null);
    expect(anonymous.status).toBe(503);
    expect(anonymous.headers['retry-after']).toBe('5');
    expect(anonymous.body).toEqual({ status: 'not ready' });
    const admin = await readyz(x.bridge.app, READINESS_ADMIN_TOKEN);
    expect(admin.status).toBe(503);
    expect(admin.headers['retry-after']).toBe('5');
    expect(admin.body).toMatchObject({ status: 'not ready', store: 'unavailable', tenants: { [TENANT]: { upstream: 'zuora-rest' } } });
  });
});
