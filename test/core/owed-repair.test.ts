import { afterEach, describe, expect, it } from 'vitest';
import { planTenant } from '../../src/core/reconcile/plan.js';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';

let h: FakeHarness;
afterEach(async () => h.close());

const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);
const roleOf = (userName: string) => h.sim.userNamed(userName)?.role;
const newUser = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  emails: [{ value: userName, primary: true }],
  name: { givenName: 'A', familyName: 'B' },
});

/**
 * With groups upstream (as OneID's), the core writes a group before its members' roles: when a member's role write
 * fails, the membership has already changed upstream, so the bridge owes that write. The repair pass makes exactly the
 * owed writes, and only them.
 */
describe('writes the bridge owes', () => {
  it('are recorded when a member role write fails, planned, and made by the next reconcile, audited', async () => {
    // Groups live upstream, and the members of `Administrators` get the `admin` role there (as OneID maps them).
    h = await startFakeHarness({ upstream: { nativeGroups: true, groupRoles: { Administrators: 'admin' } } });
    const owed = (await h.http.post('/Users', newUser('owed@example.com')).expect(201)).body.id as string;
    const bystander = (await h.http.post('/Users', newUser('bystander@example.com')).expect(201)).body.id as string;
    expect(roleOf('owed@example.com')).toBe('member');

    // Every attempt of the role write fails; the group itself is created upstream.
    h.sim.failNext(20, 503, 'PUT /users/{id}');
    const group = await h.http.post('/Groups', { displayName: 'Administrators', members: [{ value: owed }] });
    expect(group.status).toBe(503);
    expect([...h.sim.groups.values()].some((g) => g.displayName === 'Administrators')).toBe(true);
    expect(roleOf('owed@example.com')).toBe('member');
    h.sim.clearFailures();

    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'owed', userId: owed, userName: 'owed@example.com', willWrite: true })]);
    expect(plan.items[0]!.changes).toContainEqual({ attribute: 'upstream.role', before: 'member', after: 'admin' });
    expect(roleOf('owed@example.com')).toBe('member');

    const puts = h.upstreamCalls('PUT', '/users/{id}');
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false });
    expect(report.owed).toEqual({ repaired: 1, failed: 0, pending: 0 });
    expect(roleOf('owed@example.com')).toBe('admin');
    // One write, for the one user owed it; the bystander is not touched.
    expect(h.upstreamCalls('PUT', '/users/{id}')).toBe(puts + 1);
    // (Its create named no existing object: no write has ever named it.)
    expect(h.sim.writesTo(h.sim.userNamed('bystander@example.com')!.id)).toEqual([]);
    const [entry] = await h.bridge.store.audit.query({ tenant: 'default', resourceId: owed, actor: 'reconciler' });
    expect(entry).toMatchObject({ operation: 'repairDerived', status: 200, resourceName: 'owed@example.com' });
    expect(entry?.changes).toContainEqual({ attribute: 'upstream.role', before: 'member', after: 'admin' });

    // Paid: nothing owed, nothing written at the next run.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false })).owed.repaired).toBe(0);
    expect(h.upstreamCalls('PUT', '/users/{id}')).toBe(puts + 1);
    expect(bystander).toBeDefined();
  });
});
