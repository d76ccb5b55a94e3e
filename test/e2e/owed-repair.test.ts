import { afterEach, describe, expect, it } from 'vitest';
import { planTenant } from '../../src/core/reconcile/plan.js';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);
const roleOf = (userName: string) => h.sim.users().find((u) => u.userName === userName)?.roles;
const newUser = (userName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, emails: [{ value: userName, primary: true }], name: { givenName: 'A', familyName: 'B' } });

/**
 * OneID writes a group before its members' roles: when a member's role write fails, the membership has already
 * changed upstream, so the bridge owes that write. The repair pass makes exactly the owed writes, and only them.
 */
describe('writes the bridge owes', () => {
  it('are recorded when a member role write fails, planned, and made by the next reconcile, audited', async () => {
    h = await startZuoraOneIdHarness();
    const owed = (await h.http.post('/Users', newUser('owed@example.com')).expect(201)).body.id as string;
    const bystander = (await h.http.post('/Users', newUser('bystander@example.com')).expect(201)).body.id as string;
    expect(roleOf('owed@example.com')).toEqual(['USER']);

    // Every attempt of the role write fails; the group itself is created upstream.
    h.sim.faults.failNext(20, { kind: 'serverError', status: 503 }, 'PUT /scim/v2/Users/:id');
    const group = await h.http.post('/Groups', { displayName: 'Administrators', members: [{ value: owed }] });
    expect(group.status).toBe(503);
    expect(h.sim.groups().some((g) => g.displayName === 'Administrators')).toBe(true);
    expect(roleOf('owed@example.com')).toEqual(['USER']);
    h.sim.faults.clear();

    const plan = await planTenant(tenant(), ctx(), { enforceDrift: false });
    expect(plan.items).toEqual([expect.objectContaining({ kind: 'owed', userId: owed, userName: 'owed@example.com', willWrite: true })]);
    expect(plan.items[0]!.changes).toContainEqual({ attribute: 'upstream.role', before: 'USER', after: 'ADMIN' });
    expect(roleOf('owed@example.com')).toEqual(['USER']);

    const puts = h.upstreamCalls('PUT', '/scim/v2/Users/:id');
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false });
    expect(report.owed).toEqual({ repaired: 1, failed: 0, pending: 0 });
    expect(roleOf('owed@example.com')).toEqual(['ADMIN']);
    // One write, for the one user owed it; the bystander is not touched.
    expect(h.upstreamCalls('PUT', '/scim/v2/Users/:id')).toBe(puts + 1);
    // (Its create named no existing object: no write has ever named it.)
    expect(h.sim.writes().filter((w) => w.objectIds.includes(h.sim.users().find((u) => u.userName === 'bystander@example.com')!.id))).toEqual([]);
    const [entry] = await h.bridge.store.audit.query({ tenant: 'default', resourceId: owed, actor: 'reconciler' });
    expect(entry).toMatchObject({ operation: 'repairDerived', status: 200, resourceName: 'owed@example.com' });
    expect(entry?.changes).toContainEqual({ attribute: 'upstream.role', before: 'USER', after: 'ADMIN' });

    // Paid: nothing owed, nothing written at the next run.
    expect((await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false })).owed.repaired).toBe(0);
    expect(h.upstreamCalls('PUT', '/scim/v2/Users/:id')).toBe(puts + 1);
    expect(bystander).toBeDefined();
  });
});
