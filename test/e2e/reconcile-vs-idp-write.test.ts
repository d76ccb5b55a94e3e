import { afterEach, describe, expect, it } from 'vitest';
import { reconcileUsers } from '../../src/core/reconcile/reconciler.js';
import type { TenantRuntime } from '../../src/core/tenant.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness;
afterEach(async () => h.close());

const tenant = (): TenantRuntime => h.bridge.tenants[0] as TenantRuntime;
const ctx = () => newUpstreamContext(`test-${Date.now()}`);

/*
 * A reconcile reads a page of upstream users, then writes the index entries that differ. An IdP write that lands in
 * between (on this replica or another) stores the user and its baseline (`synced`, what the bridge last wrote). If
 * the reconcile then wrote its older copy over it, the next run would see the IdP's change as drift and, under
 * `enforce`, write the old value back upstream: the reconcile would revert the IdP.
 */
describe('a reconcile racing an IdP write to the same user', () => {
  it('leaves the entry as the IdP write stored it, so a later enforcing run restores only the console edit', async () => {
    h = await startZuoraRestHarness({ seedUsers: 2, tenant: { drift: 'enforce' } });
    const { body } = await h.http.post('/Users', user('race@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    const upstream = () => h.sim.users().find((u) => u.username === 'race@example.com')!;
    expect(upstream().profileId).toBe('p-admin');
    // A console edit, so the reconcile has something to refresh in this user's entry.
    const token = h.sim.issueToken();
    const edited = await fetch(`${h.simUrl}/v1/users/${upstream().id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Console' }),
    });
    expect(edited.ok).toBe(true);

    // The IdP demotes the user just after the reconcile has read its page and the user's entry.
    const users = tenant().store.users;
    const read = users.getByUpstreamId.bind(users);
    let raced = false;
    users.getByUpstreamId = async (tenantId, upstreamId) => {
      const entry = await read(tenantId, upstreamId);
      if (!raced && upstreamId === upstream().id) {
        raced = true;
        const demote = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'roles', value: [] }] };
        expect([200, 204]).toContain((await h.http.patch(`/Users/${body.id}`, demote)).status);
      }
      return entry;
    };
    await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: false, enforceDrift: false });
    expect(raced).toBe(true);
    users.getByUpstreamId = read;
    expect(upstream().profileId).toBe('p-standard');

    // The console edit is drift (the IdP wrote "Given"); the IdP's demotion is not, and stays.
    const report = await reconcileUsers(tenant(), ctx(), { actor: 'reconciler', repairOwed: true, enforceDrift: true });
    const changed = report.drift.users.filter((d) => d.userName === 'race@example.com').flatMap((d) => d.changes.map((c) => c.attribute));
    expect(changed).toEqual(['name.givenName']);
    expect(upstream()).toMatchObject({ profileId: 'p-standard', firstName: 'Given' });
  });
});
