import { afterEach, describe, expect, it } from 'vitest';
import { planTenant } from '../../src/core/reconcile/plan.js';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import type { ZiaUserRecord } from '@scim-bridge/simulators/zscaler-zia';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

let h: ZiaBridgeHarness | undefined;
afterEach(async () => h?.close());

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ctx = () => newUpstreamContext(`test-${Date.now()}`);
const tenant = (): TenantRuntime => h?.bridge.tenants[0] as TenantRuntime;
/** User writes ZIA received (sessions and activations aside). */
const userWrites = () => h?.sim.calls().filter((c) => c.method !== 'GET' && c.route.includes('/users')) ?? [];
const byEmail = (users: ZiaUserRecord[]) => new Map(users.map((u) => [u.email, u]));
const groupNames = (u: ZiaUserRecord | undefined) => u?.groups.map((g) => g.name).sort();

/**
 * A ZIA organization as a customer has it (the simulator's live seed: users in several groups, admins, comments,
 * temporary-authentication emails), adopted by the bridge, written by an IdP, edited in ZIA's console.
 */
describe('ZIA: a live tenant', () => {
  it('is adopted without a write; an IdP change touches one user; a console edit is drift, reported, then enforced', { timeout: 60_000 }, async () => {
    h = await startZscalerZiaHarness({ simulator: { seedProfile: 'live' }, upstream: { defaultDepartment: 'Engineering' } });
    const seeded = byEmail(h.sim.users());
    await h.bridge.reconcileAll();
    await h.bridge.reconcileAll();
    expect(userWrites()).toEqual([]);
    expect(byEmail(h.sim.users())).toEqual(seeded);
    expect((await planTenant(tenant(), ctx(), { enforceDrift: false })).items).toEqual([]);

    // An IdP renames Rahul: one PUT, and nothing else of his, or of anyone else, moves.
    const found = await h.http.get(`/Users?filter=${encodeURIComponent('userName eq "rahul.mehta@example.com"')}`).expect(200);
    const rahul = found.body.Resources[0] as { id: string };
    await h.http
      .patch(`/Users/${rahul.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Rahul K. Mehta' }] })
      .expect((r) => expect(r.status).toBeLessThan(300));
    expect(userWrites().map((c) => c.method)).toEqual(['PUT']);
    const renamed = byEmail(h.sim.users());
    expect(renamed.get('rahul.mehta@example.com')).toEqual({ ...seeded.get('rahul.mehta@example.com'), name: 'Rahul K. Mehta' });
    for (const [email, user] of seeded) if (email !== 'rahul.mehta@example.com') expect(renamed.get(email)).toEqual(user);

    // An administrator takes Rahul out of Remote Workers in the console: drift, reported, nothing written.
    const rahulId = seeded.get('rahul.mehta@example.com')?.id ?? 0;
    h.sim.consoleEditUser(rahulId, { groups: [{ name: 'Engineering' }] });
    h.sim.resetCalls();
    const reported = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: false });
    expect(reported.drift.count).toBe(1);
    expect(reported.drift.users[0]?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ attribute: 'upstream.groups' })]));
    expect(userWrites()).toEqual([]);
    const plan = await planTenant(tenant(), ctx(), { enforceDrift: true });
    expect(plan.items.map((i) => [i.kind, i.userName])).toEqual([['drift', 'rahul.mehta@example.com']]);
    expect(userWrites()).toEqual([]);

    // Enforced: exactly one PUT puts his groups back; his comments and the rest stay as ZIA holds them.
    const enforced = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    expect(enforced.drift).toMatchObject({ count: 1, enforced: 1, failed: 0 });
    expect(userWrites().map((c) => c.method)).toEqual(['PUT']);
    const back = h.sim.getUser(rahulId);
    expect(groupNames(back)).toEqual(groupNames(seeded.get('rahul.mehta@example.com')));
    expect(back).toMatchObject({ name: 'Rahul K. Mehta', comments: seeded.get('rahul.mehta@example.com')?.comments });
  });
});
