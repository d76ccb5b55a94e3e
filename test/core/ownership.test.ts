import { afterEach, describe, expect, it } from 'vitest';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import { planTenant } from '../../src/core/reconcile/plan.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { user } from '../support/scim-requests.js';

let h: FakeHarness;
afterEach(async () => h.close());

const WRITES = [
  ['POST', '/users'],
  ['PUT', '/users/{id}'],
  ['PATCH', '/users/{id}'],
  ['DELETE', '/users/{id}'],
] as const;
const upstreamWrites = () => WRITES.reduce((n, [method, route]) => n + h.upstreamCalls(method, route), 0);
const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);

const upstreamUsers = () => [...h.sim.users.values()];
const upstreamUser = (userName: string) => h.sim.userNamed(userName);

describe('a tenant full of people who did not come from the bridge', () => {
  it('is adopted without a single upstream write, at start-up and on every later reconcile', async () => {
    h = await startFakeHarness({ seedUsers: 8 });
    const before = upstreamUsers().map((u) => ({ id: u.id, role: u.role, givenName: u.givenName, active: u.active }));
    expect(new Set(before.map((u) => u.role)).size).toBeGreaterThan(1);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    await h.bridge.reconcileAll();
    expect(report).toMatchObject({ added: 0, drift: { count: 0 }, owed: { repaired: 0 } });
    expect(upstreamWrites()).toBe(0);
    expect(upstreamUsers().map((u) => ({ id: u.id, role: u.role, givenName: u.givenName, active: u.active }))).toEqual(before);
    // Adopted users are visible to the IdP's match by userName.
    const first = upstreamUsers()[0]!;
    const found = await h.http.get(`/Users?filter=${encodeURIComponent(`userName eq "${first.userName}"`)}`).expect(200);
    expect(found.body.totalResults).toBe(1);
  });

  it('plans no changes right after adoption', async () => {
    h = await startFakeHarness({ seedUsers: 8 });
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan).toMatchObject({ items: [], problems: [], index: { adopt: 0, refresh: 0, forget: 0 } });
    expect(upstreamWrites()).toBe(0);
  });
});

describe('drift: a user the IdP wrote is changed in the upstream console', () => {
  async function driftedAdmin(): Promise<{ id: string; upstreamId: string }> {
    const { body } = await h.http.post('/Users', user('drift@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    const upstream = upstreamUser('drift@example.com')!;
    expect(upstream.role).toBe('admin');
    h.sim.consoleEdit(upstream.id, { role: 'readonly' });
    return { id: body.id, upstreamId: upstream.id };
  }

  it('is reported (listed with the attribute, current → intended) and nothing is written under "report"', async () => {
    h = await startFakeHarness({ seedUsers: 3 });
    const { id } = await driftedAdmin();
    const writes = upstreamWrites();
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'drift', userId: id, userName: 'drift@example.com', willWrite: false })]);
    expect(plan.items[0]!.changes.length).toBeGreaterThan(0);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false });
    expect(report.drift).toMatchObject({ count: 1, enforced: 0, users: [expect.objectContaining({ userId: id })] });
    expect(upstreamWrites()).toBe(writes);
    expect(upstreamUser('drift@example.com')?.role).toBe('readonly');
    // The index tells the truth: GET shows what the upstream holds now.
    expect(JSON.stringify((await h.http.get(`/Users/${id}`).expect(200)).body.roles)).toContain('readonly');
    // Still drift at the next run: the baseline is the bridge's last write, not the last read.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false })).drift.count).toBe(1);
  });

  it('is written back with exactly one PUT, audited, under "enforce"', async () => {
    h = await startFakeHarness({ seedUsers: 3 });
    const { id } = await driftedAdmin();
    const puts = h.upstreamCalls('PUT', '/users/{id}');
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: true });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'drift', userId: id, willWrite: true })]);
    expect(h.upstreamCalls('PUT', '/users/{id}')).toBe(puts);
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    expect(report.drift).toMatchObject({ count: 1, enforced: 1, failed: 0 });
    expect(h.upstreamCalls('PUT', '/users/{id}')).toBe(puts + 1);
    expect(upstreamUser('drift@example.com')?.role).toBe('admin');
    const audit = await h.bridge.store.audit.query({ tenant: 'default', resourceId: id });
    expect(audit[0]).toMatchObject({ actor: 'reconciler', operation: 'enforceDrift', status: 200 });
    expect(audit[0]?.upstreamCalls).toEqual([expect.stringMatching(/^PUT \/users\/\{id\} 200/)]);
    // Put back: no drift, no write at the next run.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true })).drift.count).toBe(0);
    expect(h.upstreamCalls('PUT', '/users/{id}')).toBe(puts + 1);
  });
});
