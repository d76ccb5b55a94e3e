import { afterEach, describe, expect, it } from 'vitest';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import { planTenant } from '../../src/core/reconcile/plan.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness;
afterEach(async () => h.close());

const WRITES = [['POST', '/v1/users'], ['PUT', '/v1/users/:id'], ['DELETE', '/v1/users/:id']] as const;
const upstreamWrites = () => WRITES.reduce((n, [method, route]) => n + h.upstreamCalls(method, route), 0);
const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);

/** Change a user as an admin would in Zuora's own console: straight through the upstream's API, not the bridge. */
async function consoleEdit(id: string, fields: Record<string, string>): Promise<void> {
  const token = h.sim.issueToken();
  const res = await fetch(`${h.simUrl}/v1/users/${id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  expect(res.ok).toBe(true);
}

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

describe('drift: a user the IdP wrote is changed in the upstream console', () => {
  async function driftedAdmin(): Promise<{ id: string; upstreamId: string }> {
    const { body } = await h.http.post('/Users', user('drift@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    const upstream = h.sim.users().find((u) => u.username === 'drift@example.com')!;
    expect(upstream.profileId).toBe('p-admin');
    await consoleEdit(upstream.id, { profileId: 'p-readonly' });
    return { id: body.id, upstreamId: upstream.id };
  }

  it('is reported (listed with the attribute, current → intended) and nothing is written under "report"', async () => {
    h = await startZuoraRestHarness({ seedUsers: 3 });
    const { id } = await driftedAdmin();
    const writes = upstreamWrites();
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'drift', userId: id, userName: 'drift@example.com', willWrite: false })]);
    expect(plan.items[0]!.changes.length).toBeGreaterThan(0);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false });
    expect(report.drift).toMatchObject({ count: 1, enforced: 0, users: [expect.objectContaining({ userId: id })] });
    expect(upstreamWrites()).toBe(writes);
    expect(h.sim.users().find((u) => u.username === 'drift@example.com')?.profileId).toBe('p-readonly');
    // The index tells the truth: GET shows what the upstream holds now.
    expect(JSON.stringify((await h.http.get(`/Users/${id}`).expect(200)).body.roles)).toContain('Read Only');
    // Still drift at the next run: the baseline is the bridge's last write, not the last read.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false })).drift.count).toBe(1);
  });

  it('is written back with exactly one PUT, audited, under "enforce"', async () => {
    h = await startZuoraRestHarness({ seedUsers: 3 });
    const { id } = await driftedAdmin();
    const puts = h.upstreamCalls('PUT', '/v1/users/:id');
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: true });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'drift', userId: id, willWrite: true })]);
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(puts);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    expect(report.drift).toMatchObject({ count: 1, enforced: 1, failed: 0 });
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(puts + 1);
    expect(h.sim.users().find((u) => u.username === 'drift@example.com')?.profileId).toBe('p-admin');
    const audit = await h.bridge.store.audit.query({ tenant: 'default', resourceId: id });
    expect(audit[0]).toMatchObject({ actor: 'reconciler', operation: 'enforceDrift', status: 200 });
    expect(audit[0]?.upstreamCalls).toEqual([expect.stringMatching(/^PUT \/v1\/users\/\{id\} 200/)]);
    // Put back: no drift, no write at the next run.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true })).drift.count).toBe(0);
    expect(h.upstreamCalls('PUT', '/v1/users/:id')).toBe(puts + 1);
  });
});
