import { afterEach, describe, expect, it } from 'vitest';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import { planTenant } from '../../src/core/reconcile/plan.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startZuoraRestHarness, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness;
afterEach(async () => h.close());

const WRITES = [['POST', '/v1/users'], ['PUT', '/v1/users/:id'], ['DELETE', '/v1/users/:id']] as const;
const upstreamWrites = () => WRITES.reduce((n, [method, route]) => n + h.upstreamCalls(method, route), 0);
const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);

describe('a tenant full of people who did not come from the bridge', () => {
  it('is adopted without a single upstream write, at start-up and on every later reconcile', async () => {
    h = await startZuoraRestHarness({ seedUsers: 8 });
    const before = h.sim.users().map((u) => ({ id: u.id, profileId: u.profileId, firstName: u.firstName, status: u.status }));
    expect(new Set(before.map((u) => u.profileId)).size).toBeGreaterThan(1);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    await h.bridge.reconcileAll();
    expect(report).toMatchObject({ added: 0, drift: { count: 0 }, owed: { repaired: 0 } });
    expect(upstreamWrites()).toBe(0);
    expect(h.sim.users().map((u) => ({ id: u.id, profileId: u.profileId, firstName: u.firstName, status: u.status }))).toEqual(before);
    // Adopted users are visible to the IdP's match by userName.
    const first = h.sim.users()[0]!;
    const found = await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${first.username}"`)}`).expect(200);
    expect(found.body.totalResults).toBe(1);
  });

  it('plans no changes right after adoption', async () => {
    h = await startZuoraRestHarness({ seedUsers: 8 });
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan).toMatchObject({ items: [], problems: [], index: { adopt: 0, refresh: 0, forget: 0 } });
    expect(upstreamWrites()).toBe(0);
  });
});
